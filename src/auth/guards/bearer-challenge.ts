import { ScimError } from '../../scim/errors/scim-error';

/**
 * The SCIM 401 of a Bearer-token method (RFC 6750 §3): `error="invalid_token"` in the challenge when a
 * token was sent and refused (passport-http-bearer's `info` says so), else a plain challenge.
 */
export function bearerChallenge(info: unknown, details: { invalid: string; missing: string }): ScimError {
  const invalid = typeof info === 'string' && info.includes('invalid_token');
  return new ScimError(401, undefined, invalid ? details.invalid : details.missing, {
    'www-authenticate': `Bearer realm="scimd"${invalid ? ', error="invalid_token"' : ''}`,
  });
}
