import { createHash, randomBytes } from 'node:crypto';
import { RequestLogWriter } from '../../src/audit-log/request-log/request-log.writer';
import { createServer, CreatedServer } from '../support/factories';
import { ADMIN_TOKEN, TestApp, TestResponse } from '../support/test-app';

const REDIRECT = 'https://system-admin.okta.example/admin/app/cpc/scim/oauth/callback';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const wrongSecret = (id: string) =>
  `Wrong client secret for client ${id}: it is none of this identity server's active client secrets (a revoked or expired one is refused too; issue another with POST /admin/servers/${id}/credentials)`;
const unknownClient = (sent: string, id: string) =>
  `Unknown client: client_id "${sent}" is not the client id of this identity server, which is its server id ${id} (as in the token URL)`;

/**
 * The token endpoint in the request log: a wrong client secret from Entra's OAuth mode leaves a trace
 * under its server (refusals always, like failed SCIM authentications), the answer says whether the
 * client is unknown or the secret wrong, and no secret of any grant is ever stored.
 */
describe('OAuth token requests in the request log', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const token = (
    server: CreatedServer,
    body: Record<string, string>,
    headers: Record<string, string> = {},
    query = '',
  ) =>
    app.request('POST', `/oauth/${server.id}/token${query}`, { headers: { ...FORM, ...headers }, payload: form(body) });

  async function rows(server: CreatedServer): Promise<Record<string, any>[]> {
    await new Promise((resolve) => setImmediate(resolve));
    await app.get(RequestLogWriter).flush();
    return app.dataSource.query(
      'SELECT kind, method, path, status, resource_type, credential_id, action, request_body, response_body FROM request_logs WHERE server_id = $1 ORDER BY created_at, id',
      [server.id],
    );
  }

  it('says whether the client is unknown or its secret wrong, and records the refusals of a server that does not log requests', async () => {
    const server = await createServer(app, { security: { method: 'oauth2' } });
    const { clientId, clientSecret } = server.body.credentials;
    const wrongPost = await token(server, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: 'not-the-secret',
    });
    expect([wrongPost.status, wrongPost.body]).toEqual([
      400,
      { error: 'invalid_client', error_description: wrongSecret(server.id) },
    ]);
    const wrongBasic = await token(
      server,
      { grant_type: 'client_credentials' },
      { authorization: basicAuth(clientId, 'not-the-secret') },
    );
    expect([wrongBasic.status, wrongBasic.headers['www-authenticate'], wrongBasic.body]).toEqual([
      401,
      'Basic realm="scimd oauth"',
      { error: 'invalid_client', error_description: wrongSecret(server.id) },
    ]);
    const entraAppId = '11111111-2222-4333-8444-555555555555';
    const unknown = await token(server, {
      grant_type: 'client_credentials',
      client_id: entraAppId,
      client_secret: clientSecret,
    });
    expect([unknown.status, unknown.body]).toEqual([
      400,
      { error: 'invalid_client', error_description: unknownClient(entraAppId, server.id) },
    ]);
    const issued = await token(server, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(issued.status).toBe(200);

    const refusal = (status: number, description: string) => ({
      kind: 'auth',
      method: 'POST',
      path: `/oauth/${server.id}/token`,
      status,
      resource_type: 'token',
      credential_id: null,
      action: `rejected: invalid_client: ${description}`,
      request_body: null,
      response_body: null,
    });
    // The token issued is not recorded: the server does not log requests.
    expect(await rows(server)).toEqual([
      refusal(400, wrongSecret(server.id)),
      refusal(401, wrongSecret(server.id)),
      refusal(400, unknownClient(entraAppId, server.id)),
    ]);

    const listed = await app.admin('GET', `/servers/${server.id}/logs?resourceType=token&status=401`);
    expect(listed.body.entries.map((e: { kind: string; action: string }) => [e.kind, e.action])).toEqual([
      ['auth', `rejected: invalid_client: ${wrongSecret(server.id)}`],
    ]);
  });

  it('records the refusals of an inactive server and of one without the oauth2 method under that server', async () => {
    const paused = await createServer(app, { security: { method: 'oauth2' }, active: false });
    const res = await token(paused, {
      grant_type: 'client_credentials',
      client_id: paused.id,
      client_secret: paused.body.credentials.clientSecret,
    });
    const inactive = `Identity server ${paused.id} is inactive: its client gets no token until it is active again`;
    expect([res.status, res.body]).toEqual([401, { error: 'invalid_client', error_description: inactive }]);
    expect((await rows(paused)).map((r) => [r.kind, r.status, r.action])).toEqual([
      ['auth', 401, `rejected: invalid_client: ${inactive}`],
    ]);

    const bearer = await createServer(app);
    const other = await token(bearer, { grant_type: 'client_credentials', client_id: bearer.id, client_secret: 'x' });
    const noOAuth = `Identity server ${bearer.id} uses the bearer security method, not oauth2: it has no OAuth 2.0 client`;
    expect([other.status, other.body]).toEqual([401, { error: 'invalid_client', error_description: noOAuth }]);
    expect((await rows(bearer)).map((r) => [r.kind, r.status, r.action])).toEqual([
      ['auth', 401, `rejected: invalid_client: ${noOAuth}`],
    ]);

    const nobody = await app.request('POST', '/oauth/00000000-0000-4000-8000-000000000000/token', {
      headers: FORM,
      payload: form({ grant_type: 'client_credentials' }),
    });
    expect([nobody.status, nobody.body]).toEqual([
      401,
      {
        error: 'invalid_client',
        error_description:
          'Unknown client: there is no identity server with the id in this token URL (/oauth/<server id>/token)',
      },
    ]);
  });

  describe('a server that logs requests', () => {
    let server: CreatedServer;
    let client: { id: string; clientId: string; clientSecret: string };
    const secrets: string[] = [];

    beforeAll(async () => {
      server = await createServer(app, { logRequests: true, security: { method: 'oauth2', redirectUris: [REDIRECT] } });
      client = server.body.credentials;
      secrets.push(client.clientSecret);
    });

    it('records every token request, its secrets redacted in body, query and answer; none of them anywhere in the table', async () => {
      const issued = await token(
        server,
        { grant_type: 'client_credentials' },
        { authorization: basicAuth(client.clientId, client.clientSecret) },
      );
      expect(issued.status).toBe(200);
      secrets.push(issued.body.access_token);

      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const approval = {
        response_type: 'code',
        client_id: server.id,
        redirect_uri: REDIRECT,
        state: 'xyz',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        adminToken: ADMIN_TOKEN,
      };
      const approved = await app.request('POST', `/oauth/${server.id}/authorize`, {
        headers: FORM,
        payload: form(approval),
      });
      const code = new URL(String(approved.headers.location)).searchParams.get('code')!;
      const exchange: TestResponse = await token(server, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: server.id,
        client_secret: client.clientSecret,
      });
      expect(exchange.status).toBe(200);
      secrets.push(code, verifier, exchange.body.access_token, exchange.body.refresh_token);
      // A client that puts its secret in the query (RFC 6749 §2.3.1 forbids it) and a client assertion.
      const refreshed = await token(
        server,
        { grant_type: 'refresh_token', refresh_token: exchange.body.refresh_token },
        {},
        `?client_id=${server.id}&client_secret=${client.clientSecret}`,
      );
      expect([refreshed.status, refreshed.body.error]).toEqual([401, 'invalid_client']);
      const assertion = `eyJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}.${randomBytes(24).toString('base64url')}`;
      secrets.push(assertion);
      const asserted = await token(server, {
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      });
      expect(asserted.status).toBe(401);

      const logged = await rows(server);
      expect(logged).toEqual([
        {
          kind: 'request',
          method: 'POST',
          path: `/oauth/${server.id}/token`,
          status: 200,
          resource_type: 'token',
          credential_id: client.id,
          action: 'issue access token (client_credentials grant)',
          request_body: JSON.stringify({ grant_type: 'client_credentials' }),
          response_body: JSON.stringify({
            access_token: '[redacted]',
            token_type: '[redacted]',
            expires_in: issued.body.expires_in,
          }),
        },
        {
          kind: 'request',
          method: 'POST',
          path: `/oauth/${server.id}/token`,
          status: 200,
          resource_type: 'token',
          credential_id: client.id,
          action: 'issue access token (authorization_code grant)',
          request_body: JSON.stringify({
            grant_type: 'authorization_code',
            code: '[redacted]',
            redirect_uri: REDIRECT,
            code_verifier: '[redacted]',
            client_id: server.id,
            client_secret: '[redacted]',
          }),
          response_body: JSON.stringify({
            access_token: '[redacted]',
            token_type: '[redacted]',
            expires_in: exchange.body.expires_in,
            refresh_token: '[redacted]',
          }),
        },
        expect.objectContaining({
          kind: 'auth',
          path: `/oauth/${server.id}/token?client_id=${server.id}&client_secret=%5Bredacted%5D`,
          status: 401,
          action: `rejected: ${refreshed.body.error}: ${refreshed.body.error_description}`,
          request_body: null,
        }),
        expect.objectContaining({
          kind: 'auth',
          status: 401,
          action: 'rejected: invalid_client: This client takes no client assertions: use the client secret',
          request_body: null,
        }),
      ]);
      const table = JSON.stringify(
        await app.dataSource.query('SELECT * FROM request_logs WHERE server_id = $1', [server.id]),
      );
      for (const secret of secrets) expect(table).not.toContain(secret);

      const detail = await app.admin('GET', `/servers/${server.id}/logs?resourceType=Token&status=2xx&limit=1`);
      expect(detail.body.entries).toEqual([
        expect.objectContaining({
          kind: 'request',
          resourceType: 'token',
          action: 'issue access token (authorization_code grant)',
        }),
      ]);
    });
  });
});
