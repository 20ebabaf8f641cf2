import { interpolate, loadFixtures, mismatches, valueAt } from '../support/dialect-fixture';
import { uniqueName } from '../support/factories';
import { TestApp, TestResponse } from '../support/test-app';

/**
 * Replays every dialect fixture (test/fixtures/dialects/*.json) against a fresh identity server: each
 * step sends the IdP's request as it is and checks status, headers and body as the fixture says. A
 * step marked `pendingDialectWork` is reported as todo (the server does not accept that dialect yet),
 * never run and never passed silently. With REPLAY_PENDING=1 those steps run too (to see which the
 * dialect work has made pass before removing their markers).
 */
const REPLAY_PENDING = process.env.REPLAY_PENDING === '1';
describe('dialect fixtures', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  for (const { file, fixture } of loadFixtures()) {
    describe(`${file}: ${fixture.description}`, () => {
      const vars: Record<string, string> = {};
      let authorization: string | undefined;

      beforeAll(async () => {
        const res = await app.admin('POST', '/servers', { name: uniqueName(fixture.dialect), ...fixture.server });
        if (res.status !== 201) throw new Error(`creating the identity server: ${res.status} ${res.text}`);
        const issued = res.body.credentials;
        // The credential the IdP would be configured with: a bearer token, or Basic username and password.
        if (issued?.token) authorization = `Bearer ${issued.token}`;
        else if (issued?.password)
          authorization = `Basic ${Buffer.from(`${issued.username}:${issued.password}`).toString('base64')}`;
        Object.assign(
          vars,
          { serverId: res.body.id, baseUrl: res.body.scimUrl, basePath: `/scim/v2/${res.body.id}` },
          fixture.variables ?? {},
        );
      });

      fixture.steps.forEach((step, index) => {
        const title = `${String(index + 1).padStart(2, '0')} ${step.name}`;
        if (step.pendingDialectWork && !REPLAY_PENDING) {
          it.todo(`${title} — pending dialect work: ${step.pendingDialectWork}`);
          return;
        }
        it(title, async () => {
          const request = interpolate(step.request, vars) as typeof step.request;
          const headers: Record<string, string> = { ...(authorization && { authorization }) };
          for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
          if (headers.authorization === '') delete headers.authorization;
          if (request.body !== undefined) headers['content-type'] ??= 'application/scim+json';
          const payload =
            request.body === undefined
              ? undefined
              : typeof request.body === 'string'
                ? request.body
                : JSON.stringify(request.body);
          const res: TestResponse = await app.request(request.method, `${vars.basePath}${request.path}`, {
            headers,
            payload,
          });
          const problems: string[] = [];
          if (res.status !== step.expect.status)
            problems.push(`status: expected ${step.expect.status}, got ${res.status}`);
          for (const [name, variable] of Object.entries(step.capture ?? {})) {
            const captured = valueAt(res.body, variable);
            if (typeof captured === 'string') vars[name] = captured;
            else problems.push(`capture ${name}: nothing at ${variable}`);
          }
          for (const [name, pattern] of Object.entries(
            (interpolate(step.expect.headers ?? {}, vars) as Record<string, string>) ?? {},
          )) {
            const value = res.headers[name.toLowerCase()];
            problems.push(
              ...(pattern === '@absent'
                ? value === undefined
                  ? []
                  : [`header ${name}: expected absent, got ${String(value)}`]
                : mismatches(value, pattern, `header ${name}`)),
            );
          }
          if (step.expect.body === null && res.text !== '')
            problems.push(`body: expected none, got ${res.text.slice(0, 300)}`);
          else if (step.expect.body !== undefined && step.expect.body !== null)
            problems.push(...mismatches(res.body, interpolate(step.expect.body, vars)));
          if (problems.length > 0)
            throw new Error(
              `${request.method} ${request.path}\n  ${problems.join('\n  ')}\n  answer: ${res.status} ${res.text.slice(0, 1000)}`,
            );
        });
      });
    });
  }
});

describe('the fixture matcher', () => {
  it('checks primitives strictly, objects by listed keys, arrays by length and element, and the @ and ~ patterns', () => {
    expect(mismatches({ a: 'true', b: 1, c: [1, 2] }, { a: true })).toEqual(['body.a: expected true, got "true"']);
    expect(mismatches({ a: 1, extra: 2 }, { a: 1, gone: '@absent' })).toEqual([]);
    expect(mismatches({ a: 1 }, { a: '@absent' })).toEqual(['body.a: expected absent, got 1']);
    expect(mismatches({ c: [1, 2] }, { c: [1] })).toEqual(['body.c: expected 1 elements, got 2: [1,2]']);
    expect(mismatches({ c: [{ v: 'x' }, { v: 'y' }] }, { c: { '@includes': [{ v: 'y' }], '@length': 2 } })).toEqual([]);
    expect(
      mismatches({ id: 'nope', n: 1.5, t: '2026-01-01T00:00:00.000Z' }, { id: '@uuid', n: '@integer', t: '@datetime' }),
    ).toEqual(['body.id: expected uuid, got "nope"', 'body.n: expected integer, got 1.5']);
    expect(mismatches('W/"3"', '~^W/"\\d+"$')).toEqual([]);
    expect(mismatches(undefined, { a: 1 })).toEqual(['body: expected an object, got nothing']);
  });

  it('interpolates variables, refusing an undefined one', () => {
    expect(interpolate({ p: '/Users/{{id}}', v: ['{{id}}'] }, { id: 'x' })).toEqual({ p: '/Users/x', v: ['x'] });
    expect(() => interpolate('{{nope}}', {})).toThrow('fixture variable {{nope}} is not defined (yet)');
  });
});
