import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PostmanCollection, runNewman } from './azure-reference';

/**
 * The counts of a newman run (countNewman), on a small collection broken on purpose: what fails
 * outside an assertion must count as failed, or a run whose scripts throw reads "0 failed".
 */
describe('newman run counts', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const json = req.url !== '/text';
      res
        .writeHead(200, { 'content-type': json ? 'application/json' : 'text/plain' })
        .end(json ? '{"totalResults":0}' : 'not JSON');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = (name: string, url: string, ...exec: string[]) => ({
    name,
    request: { method: 'GET', url },
    event: [{ listen: 'test', script: { type: 'text/javascript', exec } }],
  });

  it('counts a script that throws outside an assertion and a request without an answer as failures, and skipped assertions apart', async () => {
    const collection: PostmanCollection = {
      item: [
        request('passes', `${base}/json`, 'pm.test("Status code is 200", () => pm.response.to.have.status(200));'),
        request(
          'fails',
          `${base}/json`,
          'pm.test("Users cleared", () => pm.expect(pm.response.json().totalResults).to.eql(1));',
        ),
        // As the collection's "Get Token" does: JSON.parse before any pm.test, on a body that is not JSON.
        request(
          'throws',
          `${base}/text`,
          'var jsonData = JSON.parse(responseBody);',
          'pm.test("never reached", () => {});',
        ),
        request('skips', `${base}/json`, 'pm.test.skip("not run", () => {});'),
        // Nothing listens on port 1; the trivial assertion still "passes".
        request('unanswered', 'http://127.0.0.1:1/', 'pm.test("trivial", () => {});'),
      ],
    };
    const result = await runNewman(collection, []);
    expect(result).toEqual({
      passed: 2,
      failed: 3,
      skipped: 1,
      failures: [
        { request: 'fails', assertion: 'Users cleared', message: 'expected +0 to deeply equal 1' },
        {
          request: 'throws',
          assertion: 'test-script (JSONError, outside any assertion)',
          message: expect.stringContaining('Unexpected token'),
        },
        {
          request: 'unanswered',
          assertion: 'request (Error, outside any assertion)',
          message: 'connect ECONNREFUSED 127.0.0.1:1',
        },
      ],
    });
  });
});
