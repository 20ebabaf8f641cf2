import { SCHEMA } from '../constants';
import { attr, complex } from './attribute';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { GROUP_SCHEMA } from './group.schema';
import { attributeJson, CORE_SCHEMAS, findSchema, schemaResource } from './schema-resource';
import { SchemaDefinition } from './types';
import { USER_SCHEMA } from './user.schema';

const BASE = 'https://scim.example.com/t/acme/scim/v2';

describe('schemaResource', () => {
  it('renders a small schema exactly', () => {
    const def: SchemaDefinition = {
      id: 'urn:example:schemas:Thing',
      name: 'Thing',
      description: 'A thing',
      attributes: [
        attr('label', { required: true, description: 'The label.' }),
        complex(
          'owner',
          [
            attr('value', { mutability: 'immutable', description: 'Owner id.' }),
            attr('$ref', { type: 'reference', referenceTypes: ['User'], description: 'Owner URI.' }),
            attr('kind', { canonicalValues: ['person', 'robot'], description: 'Owner kind.' }),
          ],
          { description: 'The owner.' },
        ),
      ],
    };
    expect(schemaResource(def, BASE)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: 'urn:example:schemas:Thing',
      name: 'Thing',
      description: 'A thing',
      attributes: [
        {
          name: 'label',
          type: 'string',
          multiValued: false,
          description: 'The label.',
          required: true,
          caseExact: false,
          mutability: 'readWrite',
          returned: 'default',
          uniqueness: 'none',
        },
        {
          name: 'owner',
          type: 'complex',
          multiValued: false,
          description: 'The owner.',
          required: false,
          caseExact: false,
          mutability: 'readWrite',
          returned: 'default',
          uniqueness: 'none',
          subAttributes: [
            {
              name: 'value',
              type: 'string',
              multiValued: false,
              description: 'Owner id.',
              required: false,
              caseExact: false,
              mutability: 'immutable',
              returned: 'default',
              uniqueness: 'none',
            },
            {
              name: '$ref',
              type: 'reference',
              multiValued: false,
              description: 'Owner URI.',
              required: false,
              caseExact: false,
              mutability: 'readWrite',
              returned: 'default',
              uniqueness: 'none',
              referenceTypes: ['User'],
            },
            {
              name: 'kind',
              type: 'string',
              multiValued: false,
              description: 'Owner kind.',
              required: false,
              caseExact: false,
              mutability: 'readWrite',
              returned: 'default',
              uniqueness: 'none',
              canonicalValues: ['person', 'robot'],
            },
          ],
        },
      ],
      meta: { resourceType: 'Schema', location: `${BASE}/Schemas/urn:example:schemas:Thing` },
    });
  });

  it('renders the enterprise extension with its manager sub-attributes', () => {
    const json = schemaResource(ENTERPRISE_USER_SCHEMA, BASE);
    expect(json.schemas).toEqual([SCHEMA.schema]);
    expect(json.meta).toEqual({
      resourceType: 'Schema',
      location: `${BASE}/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`,
    });
    expect(json.attributes.find((a) => a.name === 'manager')?.subAttributes).toEqual([
      {
        name: 'value',
        type: 'string',
        multiValued: false,
        description: "The id of the SCIM resource representing the User's manager. REQUIRED.",
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
      },
      {
        name: '$ref',
        type: 'reference',
        multiValued: false,
        description: "The URI of the SCIM resource representing the User's manager. REQUIRED.",
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
        referenceTypes: ['User'],
      },
      {
        name: 'displayName',
        type: 'string',
        multiValued: false,
        description: "The displayName of the User's manager. OPTIONAL and READ-ONLY.",
        required: false,
        caseExact: false,
        mutability: 'readOnly',
        returned: 'default',
        uniqueness: 'none',
      },
    ]);
  });

  it('does not double the slash when the base URL ends with one', () => {
    expect(schemaResource(GROUP_SCHEMA, `${BASE}/`).meta.location).toBe(`${BASE}/Schemas/${SCHEMA.group}`);
  });

  it('returns plain JSON that survives a round trip and is detached from the definitions', () => {
    const json = schemaResource(USER_SCHEMA, BASE);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    json.attributes[0].name = 'changed';
    json.attributes.find((a) => a.name === 'emails')!.subAttributes![2].canonicalValues!.push('x');
    expect(USER_SCHEMA.attributes[0].name).toBe('userName');
    expect(
      schemaResource(USER_SCHEMA, BASE).attributes.find((a) => a.name === 'emails')!.subAttributes![2].canonicalValues,
    ).toEqual(['work', 'home', 'other']);
  });

  it('attributeJson lists every characteristic in RFC 7643 §7 order', () => {
    expect(Object.keys(attributeJson(USER_SCHEMA.attributes[0]))).toEqual([
      'name',
      'type',
      'multiValued',
      'description',
      'required',
      'caseExact',
      'mutability',
      'returned',
      'uniqueness',
    ]);
  });
});

describe('CORE_SCHEMAS and findSchema', () => {
  it('holds User, the enterprise extension and Group', () => {
    expect(CORE_SCHEMAS.map((s) => s.id)).toEqual([SCHEMA.user, SCHEMA.enterpriseUser, SCHEMA.group]);
  });

  it('finds a schema by URN, case-insensitively', () => {
    expect(findSchema(CORE_SCHEMAS, SCHEMA.user)).toBe(USER_SCHEMA);
    expect(findSchema(CORE_SCHEMAS, 'URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:GROUP')).toBe(GROUP_SCHEMA);
    expect(findSchema(CORE_SCHEMAS, 'urn:ietf:params:scim:schemas:extension:Enterprise:2.0:user')).toBe(
      ENTERPRISE_USER_SCHEMA,
    );
  });

  it('returns undefined for an unknown URN or a prefix', () => {
    expect(findSchema(CORE_SCHEMAS, 'urn:ietf:params:scim:schemas:core:2.0:Device')).toBeUndefined();
    expect(findSchema(CORE_SCHEMAS, 'urn:ietf:params:scim:schemas:core:2.0')).toBeUndefined();
    expect(findSchema([], SCHEMA.user)).toBeUndefined();
  });
});
