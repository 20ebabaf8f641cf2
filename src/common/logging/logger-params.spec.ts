import { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { recordUnder } from '../../audit-log/request-log/captured-request';
import { IdentityServerEntity } from '../../servers/entities/identity-server.entity';
import { logRequest, REDACT_PATHS } from './logger-params';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream), lines };
}

const request = (url: string, clientUrl?: string) => ({
  id: 'req-1',
  method: 'GET',
  url,
  headers: { 'user-agent': 'Entra', authorization: 'Bearer secret-token' },
  raw: Object.assign(Object.create(IncomingMessage.prototype) as IncomingMessage, { clientUrl }),
});

describe('logRequest', () => {
  it('writes one line with the id, method, URL as sent, user agent, status and duration — no headers', () => {
    const { logger, lines } = capture();
    logRequest(logger, request('/scim/v2/_default/Users', '/scim/v2/Users'), { statusCode: 200, elapsedTime: 3.4 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      reqId: 'req-1',
      req: { method: 'GET', url: '/scim/v2/Users', userAgent: 'Entra' },
      res: { statusCode: 200 },
      responseTime: 3,
      msg: 'request completed',
    });
    expect(JSON.stringify(lines[0])).not.toContain('secret-token');
  });

  it('redacts secret-named query parameters in the URL', () => {
    const { logger, lines } = capture();
    logRequest(logger, request('/scim/v2/x/Users?access_token=abc&count=2'), { statusCode: 200, elapsedTime: 1 });
    expect((lines[0].req as { url: string }).url).toBe('/scim/v2/x/Users?access_token=%5Bredacted%5D&count=2');
  });

  it('redacts the value compared with password, or with an attribute the server declared returned:never, in a filter', () => {
    const { logger, lines } = capture();
    logRequest(logger, request('/scim/v2/x/Users?filter=password%20eq%20%22hunter2%22'), {
      statusCode: 400,
      elapsedTime: 1,
    });
    const scimServer = {
      schemaSettings: { attributes: [{ name: 'pin', returned: 'never', mutability: 'writeOnly' }] },
    } as unknown as IdentityServerEntity;
    const filtered = request('/scim/v2/x/Users?filter=userName%20eq%20%22a%22%20and%20pin%20eq%20%221234%22');
    recordUnder(filtered as never, scimServer);
    logRequest(logger, filtered, { statusCode: 200, elapsedTime: 1 });
    expect(lines.map((l) => (l.req as { url: string }).url)).toEqual([
      '/scim/v2/x/Users?filter=password%20eq%20"[redacted]"',
      '/scim/v2/x/Users?filter=userName%20eq%20"a"%20and%20pin%20eq%20"[redacted]"',
    ]);
  });

  it("redacts a token request's grant secrets sent in the query (code, code_verifier, client_assertion, client_secret)", () => {
    const { logger, lines } = capture();
    logRequest(
      logger,
      request(
        '/oauth/x/token?grant_type=authorization_code&code=abc&code_verifier=def&client_assertion=ghi&client_secret=jkl',
      ),
      { statusCode: 400, elapsedTime: 1 },
    );
    expect((lines[0].req as { url: string }).url).toBe(
      '/oauth/x/token?grant_type=authorization_code&code=%5Bredacted%5D&code_verifier=%5Bredacted%5D&client_assertion=%5Bredacted%5D&client_secret=%5Bredacted%5D',
    );
  });

  it('marks 5xx answers as errored, skips /health, and builds nothing when info is off', () => {
    const { logger, lines } = capture();
    logRequest(logger, request('/scim/v2/x/Users'), { statusCode: 503, elapsedTime: 1 });
    logRequest(logger, request('/health/ready'), { statusCode: 200, elapsedTime: 1 });
    expect(lines.map((l) => l.msg)).toEqual(['request errored']);
    const quiet = capture('warn');
    logRequest(quiet.logger, request('/scim/v2/x/Users'), { statusCode: 200, elapsedTime: 1 });
    expect(quiet.lines).toEqual([]);
  });
});
