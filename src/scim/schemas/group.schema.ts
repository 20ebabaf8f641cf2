import { SCHEMA } from '../constants';
import { attr, complex } from './attribute';
import { SchemaDefinition } from './types';

/*
 * The core Group schema, RFC 7643 §4.2 with the characteristics of §8.7.1.
 *
 * Deviations, on purpose:
 *  - displayName is required: §4.2 calls it REQUIRED but §8.7.1 lists
 *    "required": false (a known inconsistency). We need it, since clients such
 *    as Microsoft Entra ID match existing groups on displayName.
 *  - members.display (readOnly) is added: §4.2 names it, §8.7.1 omits it.
 */
export const GROUP_SCHEMA: SchemaDefinition = Object.freeze({
  id: SCHEMA.group,
  name: 'Group',
  description: 'Group',
  attributes: Object.freeze([
    attr('displayName', {
      required: true,
      description: 'A human-readable name for the Group. REQUIRED.',
    }),
    complex(
      'members',
      [
        attr('value', {
          mutability: 'immutable',
          description: 'Identifier of the member of this Group.',
        }),
        attr('$ref', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          mutability: 'immutable',
          description: 'The URI corresponding to a SCIM resource that is a member of this Group.',
        }),
        attr('display', {
          mutability: 'readOnly',
          description: 'A human-readable name, primarily used for display purposes. READ-ONLY.',
        }),
        attr('type', {
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
          description: "A label indicating the type of resource, e.g., 'User' or 'Group'.",
        }),
      ],
      { multiValued: true, description: 'A list of members of the Group.' },
    ),
  ]),
});
