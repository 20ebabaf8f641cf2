import { AccessPolicy, accessPolicyOf } from '../access/access-policies';
import { neverReturnedOf } from '../audit-log/request-log/never-returned';
import { buildServerSchemas, ServerSchemas } from '../custom-attributes/server-schemas';
import { CompiledRoleMapping, compileRoleMapping } from '../role-mapping/compiled-role-mapping';
import { roleMappingOf } from '../role-mapping/role-mapping-settings';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ScimSettings, scimSettingsOf } from '../servers/scim-settings';
import { SecurityMethod } from '../servers/security-method';

/**
 * An identity server as a SCIM request sees it: what the request path reads of its row, with every
 * JSON setting decoded and typed once (see buildScimTenant), never the ORM row itself.
 */
export interface ScimTenant {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly securityMethod: SecurityMethod;
  /** Whether the request log records every request to this server (refusals are recorded always). */
  readonly logRequests: boolean;
  /** The custom attributes declared `returned: never` (lower case): redacted in what is logged. */
  readonly neverReturned: ReadonlySet<string>;
  readonly scim: ScimSettings;
  /** Its resource types' schemas with its custom attributes, and the attributes keyed for lookup. */
  readonly schemas: ServerSchemas;
  /** IP allowlist and rate limit. */
  readonly access: AccessPolicy;
  readonly roleMapping: CompiledRoleMapping;
}

/** The tenant of a server row: every setting decoded now, so that no request decodes one again. */
export function buildScimTenant(row: IdentityServerEntity): ScimTenant {
  return Object.freeze({
    id: row.id,
    name: row.name,
    active: row.active,
    securityMethod: row.securityMethod,
    logRequests: row.logRequests,
    neverReturned: neverReturnedOf(row),
    scim: Object.freeze(scimSettingsOf(row.scimSettings)),
    schemas: buildServerSchemas(row),
    access: Object.freeze(accessPolicyOf(row.accessSettings)),
    roleMapping: compileRoleMapping(roleMappingOf(row.roleMapping)),
  });
}
