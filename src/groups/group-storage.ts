import { SchemaContext } from '../scim/filter';
import { GROUP_SCHEMA } from '../scim/schemas';
import { ResourceStorage } from '../scim/sql/storage';

export const GROUP_CONTEXT: SchemaContext = { core: GROUP_SCHEMA, extensions: [] };

const member = (condition: string) =>
  `EXISTS (SELECT 1 FROM scim_group_members m
     LEFT JOIN scim_users mu ON m.member_type = 'User' AND mu.server_id = m.server_id AND mu.id = m.member_id
     LEFT JOIN scim_groups mg ON m.member_type = 'Group' AND mg.server_id = m.server_id AND mg.id = m.member_id
    WHERE m.server_id = r.server_id AND m.group_id = r.id AND ${condition})`;

/** Where Group attributes live in `scim_groups r`; `members` in `scim_group_members`. */
export const GROUP_STORAGE: ResourceStorage = {
  id: 'r.id',
  data: 'r.data',
  columns: {
    id: { expr: 'r.id', kind: 'uuid', notNull: true },
    displayName: { expr: 'r.display_name', kind: 'text', notNull: true },
    externalId: { expr: 'r.external_id', kind: 'text' },
    'meta.created': { expr: 'r.created_at', kind: 'timestamptz', notNull: true },
    'meta.lastModified': { expr: 'r.updated_at', kind: 'timestamptz', notNull: true },
    'meta.resourceType': { expr: "'Group'", kind: 'text' },
    'meta.version': { expr: `'W/"' || r.version || '"'`, kind: 'text' },
  },
  relations: {
    members: {
      columns: {
        value: { expr: 'm.member_id', kind: 'uuid', caseExact: true },
        type: { expr: 'm.member_type', kind: 'text', caseExact: false },
        display: {
          expr: 'COALESCE(m.display, mu.display_name, mu.user_name, mg.display_name)',
          kind: 'text',
          caseExact: false,
        },
      },
      exists: member,
    },
  },
  unfilterable: ['meta.location'],
};

/** A `members[…]` value filter applies to membership rows `m` (PATCH remove by filter). */
export const MEMBER_STORAGE: ResourceStorage = {
  id: 'm.member_id',
  data: `'{}'::jsonb`,
  columns: {
    value: { expr: 'm.member_id', kind: 'uuid' },
    type: { expr: 'm.member_type', kind: 'text' },
  },
};
