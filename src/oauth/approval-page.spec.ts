import { approvalPage, approvalPageHeaders } from './approval-page';

describe('approvalPageHeaders', () => {
  it("lets the form lead to scimd and the redirect URI's exact origin only", () => {
    expect(approvalPageHeaders('https://system-admin.okta.com/admin/app/cpc/scim/oauth/callback')).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https://system-admin.okta.com; frame-ancestors 'none'",
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
  });

  it('names no other source when CSP cannot name the origin (an IPv6 literal)', () => {
    expect(approvalPageHeaders('http://[::1]:8080/cb')['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    );
  });
});

describe('approvalPage', () => {
  const page = (error?: string) =>
    approvalPage({
      serverName: 'Okta <1>',
      redirectUri: 'https://idp.example/cb?a=1&b=2',
      params: { state: '"x"' },
      error,
    });

  it('labels and focuses the token field, escapes what it shows, and carries no script', () => {
    const html = page();
    expect(html).toContain('<label for="adminToken">');
    expect(html).toContain(
      '<input type="password" id="adminToken" name="adminToken" autocomplete="off" required autofocus>',
    );
    expect(html).toContain('<strong>Okta &lt;1&gt;</strong>');
    expect(html).toContain('<code>https://idp.example/cb?a=1&amp;b=2</code>');
    expect(html).toContain('<input type="hidden" name="state" value="&quot;x&quot;">');
    expect(html).not.toMatch(/<script|\son\w+=/i);
  });

  it('after a refusal, announces the error and ties it to the field', () => {
    const html = page('Wrong <token>');
    expect(html).toContain('<p class="error" id="approvalError" role="alert">Wrong &lt;token&gt;</p>');
    expect(html).toContain('autofocus aria-invalid="true" aria-describedby="approvalError">');
  });
});
