import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { check, pick, runRunscope, RunscopeExport, scriptVariables, substitute } from './runscope-runner';

/** The Runscope runner itself: a runner that passes everything would hide every failure of the suite. */
describe('Runscope runner', () => {
  const response = (status: number, json: unknown, ms = 5) => ({ status, json, text: JSON.stringify(json), ms });

  it('evaluates the initial script with variables.set, in a sandbox', () => {
    expect(
      scriptVariables('var a = "x" + 1; variables.set("first", a); variables.set("caps", a.toUpperCase());'),
    ).toEqual({ first: 'x1', caps: 'X1' });
    expect(() => scriptVariables('require("fs")')).toThrow(/require is not defined/);
  });

  it('substitutes known {{variables}} and leaves unknown ones', () => {
    expect(substitute('{{SCIMBaseURL}}/Users/{{ id }}?x={{unknown}}', { SCIMBaseURL: 'http://h/scim', id: '42' })).toBe(
      'http://h/scim/Users/42?x={{unknown}}',
    );
  });

  it('reads property paths with indexes, and the whole body for an empty path', () => {
    const body = { Resources: [{ emails: [{ value: 'a@b' }] }] };
    expect(pick(body, 'Resources[0].emails[0].value')).toBe('a@b');
    expect(pick(body, 'Resources[1].id')).toBeUndefined();
    expect(pick(body, '')).toBe(body);
  });

  it.each([
    ['equal', { active: true }, 'active', 'true', true],
    ['equal', { status: '401' }, 'status', '401', true],
    ['equal', { status: 401 }, 'status', '401', true],
    ['equal', { userName: 'A' }, 'userName', 'a', false],
    ['equal', {}, 'missing', 'x', false],
    ['equal_number', { totalResults: 0 }, 'totalResults', '0', true],
    ['equal_number', { totalResults: '0' }, 'totalResults', '1', false],
    ['not_empty', { active: false }, 'active', null, true],
    ['not_empty', { Resources: [] }, 'Resources', null, false],
    ['not_empty', { detail: '' }, 'detail', null, false],
    ['has_value', { schemas: ['urn:x', 'urn:y'] }, 'schemas', 'urn:y', true],
    ['has_value', { schemas: ['urn:x'] }, '', 'urn:x', true],
    ['has_value', { schemas: ['urn:x'] }, 'schemas', 'urn:z', false],
    ['contains', { schemas: ['urn:a:User'] }, 'schemas', 'urn:a:User', true],
    ['contains', { detail: 'not found' }, 'detail', 'found', true],
    ['is_a_number', { itemsPerPage: 1 }, 'itemsPerPage', null, true],
    ['is_a_number', { itemsPerPage: 'one' }, 'itemsPerPage', null, false],
  ])('%s on %j %s %s → %s', (comparison, json, property, value, passed) => {
    expect(check({ comparison, source: 'response_json', property, value }, response(200, json), {}).passed).toBe(
      passed,
    );
  });

  it('compares the status and the response time, and refuses a comparison it does not know', () => {
    expect(
      check({ comparison: 'equal_number', source: 'response_status', value: '404' }, response(404, {}), {}).passed,
    ).toBe(true);
    expect(
      check({ comparison: 'is_less_than', source: 'response_time', value: '600' }, response(200, {}, 700), {}).passed,
    ).toBe(false);
    expect(() =>
      check({ comparison: 'regex', source: 'response_json', property: 'x', value: '.' }, response(200, {}), {}),
    ).toThrow('does not know the comparison "regex"');
  });

  describe('against a server', () => {
    let server: Server;
    let base: string;
    const seen: { method?: string; url?: string; auth?: string; body: string }[] = [];

    beforeAll(async () => {
      server = createServer((req: IncomingMessage, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
          res.setHeader('content-type', 'application/scim+json');
          if (req.method === 'POST')
            res.writeHead(201).end(JSON.stringify({ id: 'new-id', userName: JSON.parse(body).userName }));
          else res.writeHead(200).end(JSON.stringify({ totalResults: 2, Resources: [{}, {}] }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('runs requests in order, skips pauses and skipped steps (counting their assertions), carries variables from one step to the next, and counts scripts', async () => {
      const suite: RunscopeExport = {
        name: 'test',
        steps: [
          {
            step_type: 'request',
            note: 'create {{randomUsername}}',
            method: 'POST',
            url: '{{SCIMBaseURL}}/Users',
            headers: { Authorization: ['{{auth}}'] },
            body: '{"userName":"{{randomUsername}}"}',
            assertions: [
              { comparison: 'equal_number', source: 'response_status', value: '201' },
              { comparison: 'equal', source: 'response_json', property: 'userName', value: '{{randomUsername}}' },
            ],
            variables: [{ source: 'response_json', name: 'created', property: 'id' }],
          },
          { step_type: 'pause' },
          {
            step_type: 'request',
            skipped: true,
            method: 'DELETE',
            url: '{{SCIMBaseURL}}/Users/{{created}}',
            assertions: [{ comparison: 'equal_number', source: 'response_status', value: '204' }],
          },
          {
            step_type: 'request',
            method: 'GET',
            url: '{{SCIMBaseURL}}/Users/{{created}}',
            headers: { Authorization: ['{{auth}}'] },
            assertions: [{ comparison: 'equal_number', source: 'response_json', property: 'totalResults', value: '3' }],
            scripts: [
              'var data = JSON.parse(response.body); assert.ok(Array.isArray(data.Resources), "Resources is an array"); assert(data.totalResults === 3, "three");',
            ],
          },
        ],
      };
      const result = await runRunscope(suite, 'variables.set("randomUsername", "jdoe@example.com");', {
        SCIMBaseURL: `${base}/scim`,
        auth: 'Bearer t',
      });
      expect(seen).toEqual([
        { method: 'POST', url: '/scim/Users', auth: 'Bearer t', body: '{"userName":"jdoe@example.com"}' },
        { method: 'GET', url: '/scim/Users/new-id', auth: 'Bearer t', body: '' },
      ]);
      expect(result.outcomes.map((o) => [o.step, o.assertion, o.passed])).toEqual([
        ['create {{randomUsername}}', 'response_status equal_number 201', true],
        ['create {{randomUsername}}', 'response_json userName equal jdoe@example.com', true],
        ['GET {{SCIMBaseURL}}/Users/{{created}}', 'response_json totalResults equal_number 3', false],
        ['GET {{SCIMBaseURL}}/Users/{{created}}', 'script: Resources is an array', true],
        ['GET {{SCIMBaseURL}}/Users/{{created}}', 'script: three', false],
      ]);
      expect(result).toMatchObject({ passed: 3, failed: 2, skipped: 1 });
    });
  });
});
