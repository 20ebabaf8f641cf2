import { SCHEMA } from '../constants';
import { attr, complex } from './attribute';
import { SchemaDefinition } from './types';

/**
 * The Enterprise User extension, RFC 7643 §4.3 with the characteristics of §8.7.1.
 * manager.value and manager.$ref say "REQUIRED" in their descriptions yet are
 * "required": false in §8.7.1, since the manager attribute itself is optional;
 * we keep §8.7.1.
 */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = Object.freeze({
  id: SCHEMA.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: Object.freeze([
    attr('employeeNumber', {
      description:
        'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.',
    }),
    attr('costCenter', { description: 'Identifies the name of a cost center.' }),
    attr('organization', { description: 'Identifies the name of an organization.' }),
    attr('division', { description: 'Identifies the name of a division.' }),
    attr('department', { description: 'Identifies the name of a department.' }),
    complex(
      'manager',
      [
        attr('value', {
          description: "The id of the SCIM resource representing the User's manager. REQUIRED.",
        }),
        attr('$ref', {
          type: 'reference',
          referenceTypes: ['User'],
          description: "The URI of the SCIM resource representing the User's manager. REQUIRED.",
        }),
        attr('displayName', {
          mutability: 'readOnly',
          description: "The displayName of the User's manager. OPTIONAL and READ-ONLY.",
        }),
      ],
      {
        description:
          "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      },
    ),
  ]),
});
