/** The service's base URL without trailing slashes, so `${base}/Schemas` never doubles a slash. */
export function trimBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
