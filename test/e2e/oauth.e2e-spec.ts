import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { createServer, CreatedServer, scimError } from '../support/factories';
import { ADMIN_TOKEN, TestApp, TestResponse } from '../support/test-app';

const REDIRECT = 'https://system-admin.okta.example/admin/app/cpc/scim/oauth/callback';
const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('security method oauth2 (OAuth 2.0 authorization server per identity server)', () => {
  let app: TestApp;
  let server: CreatedServer;
  let client: { id: string; clientId: string; clientSecret: string; tokenUrl: string; authorizationUrl: string };

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app, {
      security: { method: 'oauth2', redirectUris: [REDIRECT], accessTokenTtlSeconds: 7200 },
    });
    client = server.body.credentials;
  });
  afterAll(() => app.close());

  const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request('POST', `/oauth/${server.id}/token`, { headers: { ...FORM, ...headers }, payload: form(body) });
  const scimWith = (accessToken: string): Promise<TestResponse> =>
    app.request('GET', `${server.base}/Users`, { headers: { authorization: `Bearer ${accessToken}` } });

  it('returns the client id, secret and endpoints once; ServiceProviderConfig names OAuth bearer tokens', async () => {
    expect(client).toEqual({
      id: expect.any(String),
      clientId: server.id,
      clientSecret: expect.stringMatching(/^[\w-]{43}$/),
      tokenUrl: `https://scimd.test/oauth/${server.id}/token`,
      authorizationUrl: `https://scimd.test/oauth/${server.id}/authorize`,
      expiresAt: null,
    });
    expect(server.body.security).toEqual({ method: 'oauth2', redirectUris: [REDIRECT], accessTokenTtlSeconds: 7200 });
    expect(JSON.stringify((await app.admin('GET', `/servers/${server.id}`)).body)).not.toContain(client.clientSecret);
  });

  it('client credentials with client_secret_basic and client_secret_post give 2-hour access tokens that work at the SCIM URL', async () => {
    for (const res of [
      await token(
        { grant_type: 'client_credentials' },
        { authorization: basicAuth(client.clientId, client.clientSecret) },
      ),
      await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: expect.any(Number),
      });
      expect(res.body.expires_in).toBeGreaterThanOrEqual(7199); // 2 hours, as set (counted down from the issue time)
      expect((await scimWith(res.body.access_token)).status).toBe(200);
    }
  });

  it('refuses a wrong secret, another client id, an unknown grant; an unknown token at the SCIM URL', async () => {
    const invalidClient = (description: string) => ({ error: 'invalid_client', error_description: description });
    const wrongSecret = `Wrong client secret for client ${server.id}: it is none of this identity server's active client secrets (a revoked or expired one is refused too; issue another with POST /admin/servers/${server.id}/credentials)`;
    // RFC 6749 §5.2: 401 with a challenge when the client authenticated with the Authorization header, else 400.
    const wrongBasic = await token(
      { grant_type: 'client_credentials' },
      { authorization: basicAuth(client.clientId, 'wrong') },
    );
    expect([wrongBasic.status, wrongBasic.headers['www-authenticate'], wrongBasic.body]).toEqual([
      401,
      'Basic realm="scimd oauth"',
      invalidClient(wrongSecret),
    ]);
    const wrong = await token({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: 'wrong' });
    expect([wrong.status, wrong.body]).toEqual([400, invalidClient(wrongSecret)]);
    const other = await token({
      grant_type: 'client_credentials',
      client_id: '00000000-0000-4000-8000-000000000000',
      client_secret: client.clientSecret,
    });
    expect([other.status, other.body]).toEqual([
      400,
      invalidClient(
        `Unknown client: client_id "00000000-0000-4000-8000-000000000000" is not the client id of this identity server, which is its server id ${server.id} (as in the token URL)`,
      ),
    ]);
    const grant = await token({
      grant_type: 'password',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      username: 'a',
      password: 'b',
    });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe('unauthorized_client');
    const res = await scimWith('not-a-token');
    expect([res.status, res.headers['www-authenticate'], res.body]).toEqual([
      401,
      'Bearer realm="scimd", error="invalid_token"',
      scimError(
        401,
        'The access token is not valid for this identity server (unknown, expired, or its client secret was revoked)',
      ),
    ]);
  });

  it('revoking the client secret ends its tokens at once; a rotated secret keeps working', async () => {
    const rotated = (await app.admin('POST', `/servers/${server.id}/credentials`)).body;
    const issue = async (secret: string) =>
      (await token({ grant_type: 'client_credentials', client_id: server.id, client_secret: secret })).body
        .access_token as string;
    const old = await issue(client.clientSecret);
    const fresh = await issue(rotated.clientSecret);
    expect((await scimWith(old)).status).toBe(200);
    expect((await app.admin('DELETE', `/servers/${server.id}/credentials/${client.id}`)).status).toBe(204);
    expect((await scimWith(old)).status).toBe(401);
    expect((await scimWith(fresh)).status).toBe(200);
    client = { ...client, id: rotated.id, clientSecret: rotated.clientSecret };
  });

  it('refuses an expired access token at the SCIM URL, and an expired client secret at the token endpoint', async () => {
    const issued = await token({
      grant_type: 'client_credentials',
      client_id: server.id,
      client_secret: client.clientSecret,
    });
    await app.dataSource.query(
      "UPDATE oauth_tokens SET access_expires_at = now() - interval '1 second' WHERE server_id = $1",
      [server.id],
    );
    expect((await scimWith(issued.body.access_token)).status).toBe(401);
    const expiring = (await app.admin('POST', `/servers/${server.id}/credentials`)).body;
    expect(
      (await token({ grant_type: 'client_credentials', client_id: server.id, client_secret: expiring.clientSecret }))
        .status,
    ).toBe(200);
    await app.dataSource.query("UPDATE credentials SET expires_at = now() - interval '1 second' WHERE id = $1", [
      expiring.id,
    ]);
    const refused = await token({
      grant_type: 'client_credentials',
      client_id: server.id,
      client_secret: expiring.clientSecret,
    });
    expect([refused.status, refused.body.error]).toEqual([400, 'invalid_client']);
  });

  it('sets an expiry on client secrets when asked (secretLifetimeDays)', async () => {
    const expiring = await createServer(app, { security: { method: 'oauth2', secretLifetimeDays: 90 } });
    const days = (Date.parse(expiring.body.credentials.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
  });

  describe('authorization code with PKCE, approved by an administrator, and refresh-token rotation', () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const query = () =>
      form({
        response_type: 'code',
        client_id: server.id,
        redirect_uri: REDIRECT,
        state: 'xyz',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });

    it('shows the approval page, refuses a wrong admin token, redirects with a one-time code, and the code + verifier give tokens', async () => {
      const page = await app.request('GET', `/oauth/${server.id}/authorize?${query()}`);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      // The form may lead to scimd and, through its 302, to the redirect URI's origin: nothing else.
      const csp =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https://system-admin.okta.example; frame-ancestors 'none'";
      expect(page.headers['content-security-policy']).toBe(csp);
      expect(page.text).toContain(REDIRECT);
      expect(page.text).toContain(`name="code_challenge" value="${challenge}"`);

      const approve = (adminToken: string) =>
        app.request('POST', `/oauth/${server.id}/authorize`, {
          headers: FORM,
          payload: `${query()}&${form({ adminToken })}`,
        });
      const denied = await approve('wrong');
      expect(denied.status).toBe(401);
      expect(denied.headers['content-security-policy']).toBe(csp);
      expect(denied.text).toContain(
        '<p class="error" id="approvalError" role="alert">The admin token or approval secret is not valid.</p>',
      );
      expect(denied.text).toContain('autofocus aria-invalid="true" aria-describedby="approvalError">');

      const approved = await approve(ADMIN_TOKEN);
      expect(approved.status).toBe(302);
      const location = new URL(String(approved.headers.location));
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
      expect(location.searchParams.get('state')).toBe('xyz');
      const code = location.searchParams.get('code')!;

      const badVerifier = await token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: randomBytes(32).toString('base64url'),
        client_id: server.id,
        client_secret: client.clientSecret,
      });
      expect(badVerifier.status).toBe(400);
      expect(badVerifier.body.error).toBe('invalid_grant');
    });

    it('exchanges a code once, rotates the refresh token, and refuses a used refresh token', async () => {
      const approved = await app.request('POST', `/oauth/${server.id}/authorize`, {
        headers: FORM,
        payload: `${query()}&${form({ adminToken: ADMIN_TOKEN })}`,
      });
      const code = new URL(String(approved.headers.location)).searchParams.get('code')!;
      const exchange = () =>
        token({
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT,
          code_verifier: verifier,
          client_id: server.id,
          client_secret: client.clientSecret,
        });
      const tokens = await exchange();
      expect(tokens.status).toBe(200);
      expect(tokens.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: expect.any(Number),
        refresh_token: expect.any(String),
      });
      expect((await scimWith(tokens.body.access_token)).status).toBe(200);
      expect((await exchange()).status).toBe(400); // the code worked once

      const refresh = (refreshToken: string) =>
        token({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: server.id,
          client_secret: client.clientSecret,
        });
      const refreshed = await refresh(tokens.body.refresh_token);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
      expect((await scimWith(refreshed.body.access_token)).status).toBe(200);
      const reused = await refresh(tokens.body.refresh_token);
      expect([reused.status, reused.body.error]).toEqual([400, 'invalid_grant']);
    });

    it("approves with the server's approval secret instead of the admin token; the secret is never shown again", async () => {
      const issued = await app.admin('POST', `/servers/${server.id}/approval-secret`);
      expect(issued.status).toBe(201);
      expect(issued.body).toEqual({
        approvalSecret: expect.stringMatching(/^[\w-]{32}$/),
        authorizationUrl: `https://scimd.test/oauth/${server.id}/authorize`,
      });
      const approved = await app.request('POST', `/oauth/${server.id}/authorize`, {
        headers: FORM,
        payload: `${query()}&${form({ adminToken: issued.body.approvalSecret })}`,
      });
      expect(approved.status).toBe(302);
      const shown = await app.admin('GET', `/servers/${server.id}`);
      expect(shown.body.security).toEqual({
        method: 'oauth2',
        redirectUris: [REDIRECT],
        accessTokenTtlSeconds: 7200,
        approvalSecret: 'set',
      });
      expect(JSON.stringify(shown.body)).not.toContain(issued.body.approvalSecret);
      const bearer = await createServer(app);
      expect((await app.admin('POST', `/servers/${bearer.id}/approval-secret`)).status).toBe(400);
    });

    it('works without PKCE too (a confidential client with its secret)', async () => {
      const plain = form({ response_type: 'code', client_id: server.id, redirect_uri: REDIRECT, state: 'no-pkce' });
      const approved = await app.request('POST', `/oauth/${server.id}/authorize`, {
        headers: FORM,
        payload: `${plain}&${form({ adminToken: ADMIN_TOKEN })}`,
      });
      const code = new URL(String(approved.headers.location)).searchParams.get('code')!;
      const res = await token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: server.id,
        client_secret: client.clientSecret,
      });
      expect(res.status).toBe(200);
      expect((await scimWith(res.body.access_token)).status).toBe(200);
    });

    it('refuses a code + verifier without the client secret (every client is confidential), and the code still works with it', async () => {
      const approved = await app.request('POST', `/oauth/${server.id}/authorize`, {
        headers: FORM,
        payload: `${query()}&${form({ adminToken: ADMIN_TOKEN })}`,
      });
      const code = new URL(String(approved.headers.location)).searchParams.get('code')!;
      const exchange = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: server.id,
      };
      const refused = await token(exchange);
      expect([refused.status, refused.headers['www-authenticate'], refused.body]).toEqual([
        401,
        'Basic realm="scimd oauth"',
        {
          error: 'invalid_client',
          error_description:
            'Client authentication required: send the client secret (HTTP Basic, or client_secret in the body); a PKCE code_verifier does not replace it',
        },
      ]);
      expect((await token({ ...exchange, client_secret: client.clientSecret })).status).toBe(200);
    });

    it('refuses an unregistered redirect URI or another client id with an error page, never a redirect', async () => {
      for (const q of [
        form({ response_type: 'code', client_id: server.id, redirect_uri: 'https://evil.example/cb', state: 's' }),
        form({
          response_type: 'code',
          client_id: '00000000-0000-4000-8000-000000000000',
          redirect_uri: REDIRECT,
          state: 's',
        }),
      ]) {
        const res = await app.request('GET', `/oauth/${server.id}/authorize?${q}`);
        expect(res.status).toBe(400);
        expect(res.headers.location).toBeUndefined();
        expect(res.headers['content-security-policy']).toBe(
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
        );
        expect(res.text).toContain('Cannot approve this request');
      }
    });
  });

  describe('client assertions (RFC 7523 private_key_jwt, as Entra workload identity federation sends)', () => {
    let jwks: Server;
    let jwksUrl: string;
    let key: KeyLike;
    let federated: CreatedServer;
    const issuer = 'https://login.example.test/tenant/v2.0';
    const subject = 'workload-object-id';

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      key = pair.privateKey;
      const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      jwks = createHttpServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] })),
      );
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
      federated = await createServer(app, {
        security: { method: 'oauth2', clientAssertion: { issuer, subject, jwksUrl } },
      });
    });
    afterAll(() => new Promise((resolve) => jwks.close(resolve)));

    const assertion = (claims: { iss?: string; sub?: string; aud?: string }, signWith: KeyLike = key) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(claims.iss ?? issuer)
        .setSubject(claims.sub ?? subject)
        .setAudience(claims.aud ?? `https://scimd.test/oauth/${federated.id}/token`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .setJti(randomBytes(8).toString('hex'))
        .sign(signWith);
    const exchange = async (jwt: string) =>
      app.request('POST', `/oauth/${federated.id}/token`, {
        headers: FORM,
        payload: form({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: jwt,
        }),
      });

    it('a signed assertion of the configured workload gets an access token that works at the SCIM URL', async () => {
      const res = await exchange(await assertion({}));
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('Bearer');
      const scim = await app.request('GET', `${federated.base}/Users`, {
        headers: { authorization: `Bearer ${res.body.access_token}` },
      });
      expect(scim.status).toBe(200);
    });

    it('refuses another issuer, subject or audience, and a key that is not in the key set', async () => {
      const other = await generateKeyPair('RS256');
      for (const jwt of [
        await assertion({ iss: 'https://evil.example' }),
        await assertion({ sub: 'someone-else' }),
        await assertion({ aud: 'https://elsewhere/token' }),
        await assertion({}, other.privateKey),
      ]) {
        const res = await exchange(jwt);
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('invalid_client');
        expect(res.body.error_description).toMatch(/^the client assertion is not valid \(ERR_JW[TS]_/);
      }
    });

    it('a server without client-assertion settings refuses assertions', async () => {
      const res = await app.request('POST', `/oauth/${server.id}/token`, {
        headers: FORM,
        payload: form({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: await assertion({}),
        }),
      });
      expect([res.status, res.body]).toEqual([
        401,
        { error: 'invalid_client', error_description: 'This client takes no client assertions: use the client secret' },
      ]);
    });
  });

  it('an access token of one server never works at another', async () => {
    const other = await createServer(app, { security: { method: 'oauth2' } });
    const res = await token({
      grant_type: 'client_credentials',
      client_id: server.id,
      client_secret: client.clientSecret,
    });
    const at = await app.request('GET', `${other.base}/Users`, {
      headers: { authorization: `Bearer ${res.body.access_token}` },
    });
    expect(at.status).toBe(401);
  });

  it('a bearer or none server has no OAuth endpoints', async () => {
    const bearer = await createServer(app);
    const res = await app.request('POST', `/oauth/${bearer.id}/token`, {
      headers: FORM,
      payload: form({ grant_type: 'client_credentials' }),
    });
    expect([res.status, res.body]).toEqual([
      401,
      {
        error: 'invalid_client',
        error_description: `Identity server ${bearer.id} uses the bearer security method, not oauth2: it has no OAuth 2.0 client`,
      },
    ]);
  });
});
