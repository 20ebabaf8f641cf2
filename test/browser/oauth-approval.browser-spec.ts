import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { artifacts, Artifacts } from './support/artifacts';
import { consoleOf, launchChromium } from './support/chromium';
import { RedirectReceiver, startRedirectReceiver } from './support/redirect-receiver';
import { Scimd, startScimd } from './support/scimd';

const LABEL = "scimd admin token, or this server's approval secret";

/**
 * Okta's "OAuth 2" mode as an administrator lives it: the IdP opens scimd's approval page in a
 * browser, the administrator approves with the admin token, the browser is sent back to the IdP's
 * redirect URI with a code, and the IdP exchanges the code for tokens. In a real Chromium, which
 * applies the page's Content-Security-Policy (curl and the e2e tests do not).
 */
describe('the OAuth approval page in Chromium', () => {
  let scimd: Scimd;
  let receiver: RedirectReceiver;
  let browser: Browser;
  let shots: Artifacts;

  beforeAll(async () => {
    shots = artifacts('oauth-approval');
    receiver = await startRedirectReceiver();
    browser = await launchChromium();
    scimd = await startScimd();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await scimd?.stop();
    shots?.remove();
  });

  it('refuses a wrong token on the page, approves with the admin token, lands on the redirect URI with a code that gives working tokens', async () => {
    const created = await scimd.admin('POST', '/servers', {
      name: 'Okta (OAuth)',
      security: { method: 'oauth2', redirectUris: [receiver.callbackUrl] },
    });
    expect(created.status).toBe(201);
    const { scimUrl, credentials } = created.body as {
      scimUrl: string;
      credentials: { clientId: string; clientSecret: string; tokenUrl: string; authorizationUrl: string };
    };

    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(12).toString('base64url');
    const authorize = new URL(credentials.authorizationUrl);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: credentials.clientId,
      redirect_uri: receiver.callbackUrl,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();

    const page = await browser.newPage();
    const consoleLines = consoleOf(page);
    const shown = await page.goto(authorize.href);
    expect(shown?.status()).toBe(200);
    expect(shown?.headers()['content-security-policy']).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${new URL(receiver.callbackUrl).origin}; frame-ancestors 'none'`,
    );
    expect(await page.title()).toBe('scimd: approve provisioning access');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Approve provisioning access');
    const field = page.getByLabel(LABEL);
    expect(await page.locator(':focus').getAttribute('id')).toBe(await field.getAttribute('id')); // focused on arrival
    const screenshot = join(shots.dir, 'approval-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');

    // A wrong token: the page again, with the error, status 401, and nothing sent to the IdP.
    await field.fill('not-the-admin-token');
    const [refused] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'POST'),
      page.getByRole('button', { name: 'Approve' }).click(),
    ]);
    expect(refused.status()).toBe(401);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').textContent()).toBe('The admin token or approval secret is not valid.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(':focus').getAttribute('id')).toBe(await field.getAttribute('id'));
    await page.screenshot({ path: join(shots.dir, 'approval-page-refused.png'), fullPage: true });
    expect(receiver.calls).toEqual([]);

    // The admin token: Chromium follows the 302 to the IdP's redirect URI, with a code and the same state.
    await field.fill(scimd.adminToken);
    await page.getByRole('button', { name: 'Approve' }).click();
    const arrived = await page
      .waitForURL((url) => url.href.startsWith(`${receiver.callbackUrl}?`), { timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    const csp = consoleLines.filter((line) => /Content Security Policy/i.test(line));
    expect({ arrived, csp }).toEqual({ arrived: true, csp: [] });
    expect(receiver.calls.map((query) => [...query.keys()].sort())).toEqual([['code', 'state']]);
    const [callback] = receiver.calls;
    expect(callback.get('state')).toBe(state);
    expect(await page.locator('p').textContent()).toBe('Authorization received.');

    // The IdP exchanges the code with the PKCE verifier; the access token works at the SCIM URL.
    const tokens = await fetch(credentials.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.get('code')!,
        redirect_uri: receiver.callbackUrl,
        code_verifier: verifier,
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }),
    });
    expect(tokens.status).toBe(200);
    const body = (await tokens.json()) as { access_token: string };
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      refresh_token: expect.any(String),
    });
    const users = await fetch(`${scimUrl}/Users`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(users.status).toBe(200);
    expect(await users.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    expect(consoleLines.filter((line) => /Content Security Policy/i.test(line))).toEqual([]);
  });
});
