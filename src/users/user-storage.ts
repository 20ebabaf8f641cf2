import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../scim/schemas';
import { SchemaContext } from '../scim/filter';
import { ResourceStorage } from '../scim/sql/storage';
import { ROLE_SCHEMA } from '../custom-attributes/role-schema';

export const USER_CONTEXT: SchemaContext = { core: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] };

/** The expression of index IDX_scim_users_emails (migration UserEmailIndex): lower-cased email values. */
export function USER_EMAILS_INDEX_EXPR(data: string): string {
  return `(lower(jsonb_path_query_array(${data}, '$.emails[*].value')::text)::jsonb)`;
}

/**
 * Where User attributes live in `scim_users r`: the indexed columns, the JSONB document, and the
 * derived `groups` (direct memberships in `scim_group_members`).
 */
export const USER_STORAGE: ResourceStorage = {
  id: 'r.id',
  data: 'r.data',
  valueIndexes: { 'emails.value': USER_EMAILS_INDEX_EXPR('r.data') },
  columns: {
    id: { expr: 'r.id', kind: 'uuid', notNull: true },
    userName: { expr: 'r.user_name', kind: 'text', notNull: true },
    externalId: { expr: 'r.external_id', kind: 'text' },
    displayName: { expr: 'r.display_name', kind: 'text' },
    active: { expr: 'r.active', kind: 'boolean' },
    'meta.created': { expr: 'r.created_at', kind: 'timestamptz', notNull: true },
    'meta.lastModified': { expr: 'r.updated_at', kind: 'timestamptz', notNull: true },
    'meta.resourceType': { expr: "'User'", kind: 'text' },
    'meta.version': { expr: `'W/"' || r.version || '"'`, kind: 'text' },
    // Indexed with server_id (IDX_scim_users_effective_role); caseExact, so `eq` compares the column itself.
    [`${ROLE_SCHEMA}:effectiveRole`]: { expr: 'r.effective_role', kind: 'text' },
  },
  relations: {
    // Direct memberships only: `groups[type eq "indirect"]` matches nothing here.
    groups: {
      columns: {
        value: { expr: 'gm.group_id', kind: 'uuid', caseExact: true },
        display: { expr: 'gg.display_name', kind: 'text', caseExact: false },
        type: { expr: "'direct'", kind: 'text', caseExact: false },
      },
      exists: (condition) =>
        `EXISTS (SELECT 1 FROM scim_group_members gm JOIN scim_groups gg ON gg.id = gm.group_id WHERE gm.server_id = r.server_id AND gm.member_id = r.id AND ${condition})`,
    },
  },
  unfilterable: ['meta.location'],
};
