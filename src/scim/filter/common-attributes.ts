import { attr, complex } from '../schemas/attribute';
import { AttributeDefinition } from '../schemas/types';

const READ_ONLY_EXACT = { mutability: 'readOnly', caseExact: true } as const;

/**
 * The common attributes of RFC 7643 §3.1, valid in every resource type although no schema defines
 * them (characteristics as in RFC 7643 §3.1 and §7). `schemas` (RFC 7643 §3) is included too, so
 * that the RFC 7644 example `schemas eq "urn:…:enterprise:2.0:User"` binds.
 */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = Object.freeze([
  attr('id', {
    ...READ_ONLY_EXACT,
    returned: 'always',
    uniqueness: 'server',
    description: 'A unique identifier for a SCIM resource as defined by the service provider.',
  }),
  attr('externalId', {
    caseExact: true,
    description: 'An identifier for the resource as defined by the provisioning client.',
  }),
  complex(
    'meta',
    [
      attr('resourceType', { ...READ_ONLY_EXACT, description: 'The name of the resource type of the resource.' }),
      attr('created', {
        type: 'dateTime',
        mutability: 'readOnly',
        description: 'The date and time the resource was added to the service provider.',
      }),
      attr('lastModified', {
        type: 'dateTime',
        mutability: 'readOnly',
        description:
          'The most recent date and time that the details of this resource were updated at the service provider.',
      }),
      attr('location', {
        ...READ_ONLY_EXACT,
        type: 'reference',
        referenceTypes: ['uri'],
        description: 'The URI of the resource being returned.',
      }),
      attr('version', { ...READ_ONLY_EXACT, description: 'The version of the resource being returned.' }),
    ],
    { mutability: 'readOnly', description: 'A complex attribute containing resource metadata.' },
  ),
  attr('schemas', {
    type: 'reference',
    referenceTypes: ['uri'],
    multiValued: true,
    required: true,
    description: 'The schema URIs of the resource.',
  }),
]);
