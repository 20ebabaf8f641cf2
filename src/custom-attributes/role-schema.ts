import { attr, SchemaDefinition } from '../scim/schemas';

/** The URN of scimd's User extension that carries the effective application role. */
export const ROLE_SCHEMA = 'urn:scimd:schemas:extension:roles:2.0:User';

/**
 * scimd's User extension: the role the server's role mapping gives the user, recomputed with every
 * change that can affect it. Read-only (sent values are ignored), filterable and sortable.
 */
export const ROLE_SCHEMA_DEFINITION: SchemaDefinition = Object.freeze({
  id: ROLE_SCHEMA,
  name: 'ScimdRoles',
  description: "The user's application role, computed by scimd's role mapping",
  attributes: Object.freeze([
    attr('effectiveRole', {
      mutability: 'readOnly',
      caseExact: true,
      description:
        'The most privileged role the role mapping rules give the user, or the default role when none matches.',
    }),
  ]),
});
