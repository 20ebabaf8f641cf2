/**
 * The one error type of the SCIM domain (RFC 7644 §3.12). The constructor refuses a `scimType`
 * that the RFC does not pair with the given status, so a wrong pair fails in tests, not in production.
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  /** RFC 9865 (cursor pagination). */
  | 'invalidCursor'
  | 'expiredCursor';

const STATUS_OF: Record<ScimType, number> = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
  invalidCursor: 400,
  expiredCursor: 400,
};

export class ScimError extends Error {
  /** Extra response headers (e.g. `WWW-Authenticate` on 401 — several challenges as an array —, `Allow` on 405). */
  readonly headers: Record<string, string | string[]>;

  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
    headers: Record<string, string | string[]> = {},
  ) {
    super(detail);
    if (!Number.isInteger(status) || status < 300 || status > 599) {
      throw new TypeError(`ScimError: ${status} is not an error status`);
    }
    if (scimType !== undefined && STATUS_OF[scimType] !== status) {
      throw new TypeError(`ScimError: scimType ${scimType} goes with status ${STATUS_OF[scimType]}, not ${status}`);
    }
    this.name = 'ScimError';
    this.headers = headers;
  }

  static badRequest(scimType: ScimType, detail: string): ScimError {
    return new ScimError(400, scimType, detail);
  }

  static notFound(detail: string): ScimError {
    return new ScimError(404, undefined, detail);
  }

  static conflict(detail: string): ScimError {
    return new ScimError(409, 'uniqueness', detail);
  }
}
