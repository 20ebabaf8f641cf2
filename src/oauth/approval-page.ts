import { cspOriginOf } from '../common/csp';

/** The authorization request parameters carried through the approval form. */
export const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'scope',
  'code_challenge',
  'code_challenge_method',
] as const;

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

/** Headers of a page that cannot approve: nothing may load, frame it or submit from it. */
export const ERROR_PAGE_HEADERS = {
  ...HEADERS,
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
};

/**
 * Headers of the approval page for one registered redirect URI (checked by the caller). Nothing but
 * the page may load (no script at all) and nobody may frame it. Its form posts to scimd, which answers
 * a right token with a 302 to the redirect URI; browsers apply `form-action` to every redirect that
 * follows a form post, not only to its first target (Chromium blocks the 302 otherwise), so the directive lists that URI's exact origin
 * beside 'self'. That keeps the 302 of RFC 6749 §4.1.2, which puts the code only in a Location header,
 * never in a page of scimd's or its history (as a 303 to a scimd page that then forwards would). The
 * origin is one an administrator registered, matched exactly before the page is shown, and never a
 * wildcard; when CSP cannot name it (an IPv6 literal, refused at registration) the form posts to
 * scimd only and a browser blocks the redirect.
 */
export function approvalPageHeaders(redirectUri: string): Record<string, string> {
  const formAction = ["'self'", cspOriginOf(redirectUri)].filter(Boolean).join(' ');
  return {
    ...HEADERS,
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'`,
  };
}

/**
 * The page where an administrator approves an IdP's authorization-code request for one identity
 * server: it shows what connects and where the code goes, and asks for the admin token or the
 * server's approval secret. The field has its label and takes the focus (again after a refusal, then
 * marked invalid and described by the error, which is announced as an alert); no script.
 */
export function approvalPage(p: {
  serverName: string;
  redirectUri: string;
  params: Record<string, string>;
  error?: string;
}): string {
  const hidden = AUTHORIZE_PARAMS.filter((name) => p.params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escape(p.params[name])}">`)
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>scimd: approve provisioning access</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1b1f24; }
    code { background: #f2f4f7; padding: 0 .25rem; border-radius: 3px; word-break: break-all; }
    label, input, button { display: block; width: 100%; box-sizing: border-box; }
    input[type=password] { margin: .25rem 0 1rem; padding: .5rem; font: inherit; }
    button { padding: .6rem; font: inherit; background: #0b5cad; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
    input:focus-visible, button:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
    .error { color: #a4161a; }
  </style>
</head>
<body>
<main>
  <h1>Approve provisioning access</h1>
  <p>An identity provider asks to provision users and groups into the identity server
     <strong>${escape(p.serverName)}</strong>. Once approved, it is sent back to
     <code>${escape(p.redirectUri)}</code> with a one-time code.</p>
  ${p.error ? `<p class="error" id="approvalError" role="alert">${escape(p.error)}</p>` : ''}
  <form method="post">
      ${hidden}
    <label for="adminToken">scimd admin token, or this server's approval secret</label>
    <input type="password" id="adminToken" name="adminToken" autocomplete="off" required autofocus${p.error ? ' aria-invalid="true" aria-describedby="approvalError"' : ''}>
    <button type="submit">Approve</button>
  </form>
</main>
</body>
</html>
`;
}
