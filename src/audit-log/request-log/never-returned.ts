import { schemaSettingsOf } from '../../custom-attributes/custom-attribute';
import { IdentityServerEntity } from '../../servers/entities/identity-server.entity';
import { isTokenRequest, TOKEN_SECRETS } from './token-request';

const NONE: ReadonlySet<string> = new Set();
const cache = new WeakMap<IdentityServerEntity, ReadonlySet<string>>();

/**
 * The names (lower case) of the custom attributes and sub-attributes a server declared `returned:
 * never` (`password` is always a secret, see redact.ts): comparisons on them and their values are
 * redacted in everything logged. Built once per loaded server row.
 */
export function neverReturnedOf(server: IdentityServerEntity | undefined): ReadonlySet<string> {
  if (!server) return NONE;
  let names = cache.get(server);
  if (!names) {
    const found = new Set<string>();
    try {
      for (const attribute of schemaSettingsOf(server.schemaSettings).attributes) {
        if (attribute.returned === 'never') found.add(attribute.name.toLowerCase());
        for (const sub of attribute.subAttributes ?? [])
          if (sub.returned === 'never') found.add(sub.name.toLowerCase());
      }
    } catch {
      // settings that do not read leave only the built-in secrets
    }
    names = found.size > 0 ? found : NONE;
    cache.set(server, names);
  }
  return names;
}

/** The names redacted, beside those named like secrets, in what is logged of a request to `url`: a token request's grant secrets, else the server's `returned: never` attributes. */
export function loggedSecretsOf(url: string, server: IdentityServerEntity | undefined): ReadonlySet<string> {
  return isTokenRequest(url) ? TOKEN_SECRETS : neverReturnedOf(server);
}
