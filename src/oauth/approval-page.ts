/** The authorization request parameters carried through the approval form. */
export const AUTHORIZE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method'] as const;

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Headers of the page: nothing but itself may load, and the form posts only back to scimd. */
export const APPROVAL_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

/**
 * The page where an administrator approves an IdP's authorization-code request for one identity
 * server: it shows what connects and where the code goes, and asks for the admin token or the
 * server's approval secret.
 */
export function approvalPage(p: { serverName: string; redirectUri: string; params: Record<string, string>; error?: string }): string {
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
    .error { color: #a4161a; }
  </style>
</head>
<body>
  <h1>Approve provisioning access</h1>
  <p>An identity provider asks to provision users and groups into the identity server
     <strong>${escape(p.serverName)}</strong>. Once approved, it is sent back to
     <code>${escape(p.redirectUri)}</code> with a one-time code.</p>
  ${p.error ? `<p class="error" role="alert">${escape(p.error)}</p>` : ''}
  <form method="post">
      ${hidden}
    <label for="adminToken">scimd admin token, or this server's approval secret</label>
    <input type="password" id="adminToken" name="adminToken" autocomplete="off" required>
    <button type="submit">Approve</button>
  </form>
</body>
</html>
`;
}
