/**
 * Requests to an identity server's OAuth 2.0 token endpoint (`POST /oauth/<server>/token`) in the
 * request log: kept under their server like SCIM requests, the refused ones always (a wrong client
 * secret from Entra's OAuth mode is a failed authentication), with every secret of the grant redacted.
 */

/** The `resourceType` of token-endpoint entries. */
export const TOKEN_RESOURCE_TYPE = 'token';

/**
 * Parameters of the token endpoint whose values are secrets, beside those named like one (client_secret,
 * refresh_token, password): the authorization code (RFC 6749 §4.1.3), the PKCE code verifier (RFC 7636
 * §4.5), client assertions and assertion grants (RFC 7521 §4.1, §4.2). Redacted in the stored body and query.
 */
export const TOKEN_SECRETS: ReadonlySet<string> = new Set(['code', 'code_verifier', 'client_assertion', 'assertion']);

/** Whether a routed URL is the token endpoint's (the only /oauth route that records). */
export function isTokenRequest(url: string): boolean {
  return url.startsWith('/oauth/');
}

/** Whether a token request's answer is a refusal, kept whatever the server's `logRequests` (RFC 6749 §5.2 errors are 400 and 401). */
export function isRefusedTokenRequest(url: string, status: number): boolean {
  return isTokenRequest(url) && status >= 400 && status < 500;
}

/**
 * The action of a token request: `issue access token (client_credentials grant)`, `issue access token
 * (authorization_code grant)`, `rejected: invalid_client: Wrong client secret: …` — the RFC 6749 §5.2
 * error and its description, as answered.
 */
export function tokenAction(status: number, request: unknown, response: unknown): string {
  if (status >= 400) {
    const error = text(member(response, 'error'));
    const description = text(member(response, 'error_description'));
    const reason = [error, description].filter((part) => part !== undefined).join(': ') || `status ${status}`;
    return `rejected: ${reason.length > 300 ? `${reason.slice(0, 300)}…` : reason}`;
  }
  const grant = text(member(request, 'grant_type'));
  const assertion = text(member(request, 'client_assertion')) !== undefined ? ', client assertion' : '';
  return `issue access token (${grant ? cut(grant) : 'unknown'} grant${assertion})`;
}

function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function cut(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}
