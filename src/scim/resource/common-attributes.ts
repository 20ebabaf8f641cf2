import { attr, AttributeDefinition, complex } from '../schemas';

/**
 * The common attributes of RFC 7643 §3.1: valid on every resource, though no schema
 * definition lists them (§8.7.1 leaves them out). They belong to the core schema's namespace,
 * so `urn:…:core:2.0:User:externalId` names `externalId`.
 */
export const RESOURCE_COMMON_ATTRIBUTES: readonly AttributeDefinition[] = Object.freeze([
  attr('id', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
    description: 'A unique identifier for a SCIM resource as defined by the service provider.',
  }),
  attr('externalId', {
    caseExact: true,
    description: 'A String that is an identifier for the resource as defined by the provisioning client.',
  }),
  complex(
    'meta',
    [
      attr('resourceType', {
        caseExact: true,
        mutability: 'readOnly',
        description: 'The name of the resource type of the resource.',
      }),
      attr('created', {
        type: 'dateTime',
        mutability: 'readOnly',
        description: 'The "DateTime" that the resource was added to the service provider.',
      }),
      attr('lastModified', {
        type: 'dateTime',
        mutability: 'readOnly',
        description: 'The most recent DateTime that the details of this resource were updated at the service provider.',
      }),
      attr('location', {
        type: 'reference',
        referenceTypes: ['uri'],
        caseExact: true,
        mutability: 'readOnly',
        description: 'The URI of the resource being returned.',
      }),
      attr('version', {
        caseExact: true,
        mutability: 'readOnly',
        description: 'The version of the resource being returned (its entity tag).',
      }),
    ],
    { mutability: 'readOnly', description: 'A complex attribute containing resource metadata.' },
  ),
]);
