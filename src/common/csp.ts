/**
 * A Content-Security-Policy host-source naming one origin exactly (CSP3 §2.3.1): http or https, a
 * host of dot-separated letters, digits and hyphens, an optional port. No wildcard, path or quote.
 */
const ORIGIN_SOURCE = /^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;

/**
 * The origin of an http(s) URL as a CSP source expression that matches that origin only, or
 * undefined when it is not an http(s) URL or CSP cannot name its host: an IPv6 literal (`[::1]`),
 * which browsers ignore in a source list (Chromium: "contains an invalid source").
 */
export function cspOriginOf(url: string): string | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin; // lower case, IDN in punycode, default port dropped
  } catch {
    return undefined;
  }
  return ORIGIN_SOURCE.test(origin) ? origin : undefined;
}
