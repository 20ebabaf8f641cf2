import { requestState } from '../common/http/request-state';

/** The path segment that names the default server after URL rewriting (never a valid server id). */
export const DEFAULT_SERVER_SEGMENT = '_default';

/** The endpoints RFC 7644 defines at a SCIM base URL (the default server is reached through them). */
export const SCIM_ENDPOINTS = [
  'Users',
  'Groups',
  'Schemas',
  'ResourceTypes',
  'ServiceProviderConfig',
  'Bulk',
  'Me',
  '.search',
];

/**
 * `/scim/v2/Users…` (no server id) → `/scim/v2/_default/Users…`, so one set of routes serves both the
 * per-server URLs and the default server's.
 */
export function rewriteScimUrl(url: string): string {
  const match = /^\/scim\/v2\/([^/?#]+)/.exec(url);
  if (!match || !SCIM_ENDPOINTS.includes(match[1])) return url;
  return `/scim/v2/${DEFAULT_SERVER_SEGMENT}${url.slice('/scim/v2'.length)}`;
}

/** What {@link canonicalScimUrl} changed in a URL (each a normalisation kind of docs/compatibility.md). */
export type UrlFix = 'lowercase-endpoint' | 'trailing-slash';

declare module '../common/http/request-state' {
  interface RequestState {
    /** What the URL rewrite changed in the request's URL. */
    urlFixes?: readonly UrlFix[];
  }
}

/**
 * `/scim/v2/<server>/users/?filter=…` → `/scim/v2/<server>/Users?filter=…`: the endpoint name in
 * RFC 7644's spelling and no slash at the end of the path (Microsoft's reference suite sends both).
 * Returns the URL and what was changed; the server's `strict` setting decides later whether that is
 * allowed (ServerResolverGuard).
 */
export function canonicalScimUrl(url: string): { url: string; fixes: UrlFix[] } {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  if (!path.startsWith('/scim/v2/')) return { url, fixes: [] };
  const segments = path.split('/');
  const fixes: UrlFix[] = [];
  // The endpoint follows /scim/v2 (default server) or /scim/v2/<server id>.
  const at = [3, 4].find(
    (i) => segments[i] !== undefined && SCIM_ENDPOINTS.some((e) => e.toLowerCase() === segments[i].toLowerCase()),
  );
  if (at === undefined) return { url, fixes };
  const canonical = SCIM_ENDPOINTS.find((e) => e.toLowerCase() === segments[at].toLowerCase()) as string;
  if (canonical !== segments[at]) {
    segments[at] = canonical;
    fixes.push('lowercase-endpoint');
  }
  if (segments.length > at + 1 && segments[segments.length - 1] === '') {
    segments.pop();
    fixes.push('trailing-slash');
  }
  return { url: fixes.length === 0 ? url : `${segments.join('/')}${end < 0 ? '' : url.slice(end)}`, fixes };
}

/** The URL rewrite of the SCIM routes: canonical endpoint spelling, then the default server's segment. */
export function rewriteScimRequest(url: string, raw: object): string {
  const canonical = canonicalScimUrl(url);
  if (canonical.fixes.length > 0) requestState(raw).urlFixes = canonical.fixes;
  return rewriteScimUrl(canonical.url);
}
