import { SCHEMA } from '../constants';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { GROUP_SCHEMA } from './group.schema';
import { CORE_SCHEMAS } from './schema-resource';
import { AttributeDefinition, SchemaDefinition } from './types';
import { USER_SCHEMA } from './user.schema';

function find(schema: SchemaDefinition, path: string): AttributeDefinition {
  const [top, sub] = path.split('.');
  const attribute = schema.attributes.find((a) => a.name === top);
  if (!attribute) throw new Error(`no attribute ${top}`);
  if (sub === undefined) return attribute;
  const subAttribute = attribute.subAttributes?.find((a) => a.name === sub);
  if (!subAttribute) throw new Error(`no sub-attribute ${path}`);
  return subAttribute;
}

/** The characteristics §8.7.1 writes down, without the description. */
function characteristics(def: AttributeDefinition) {
  const { description, subAttributes, ...rest } = def;
  void description;
  void subAttributes;
  return rest;
}

const TYPES = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'];
const MUTABILITY = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED = ['always', 'never', 'default', 'request'];
const UNIQUENESS = ['none', 'server', 'global'];

function walk(attributes: readonly AttributeDefinition[], prefix = ''): [string, AttributeDefinition][] {
  return attributes.flatMap((a) => [
    [prefix + a.name, a] as [string, AttributeDefinition],
    ...walk(a.subAttributes ?? [], `${prefix}${a.name}.`),
  ]);
}

describe.each(CORE_SCHEMAS.map((s) => [s.name, s] as const))('%s schema: structure', (_name, schema) => {
  const all = walk(schema.attributes);

  it.each(all)('%s has every characteristic set', (_path, a) => {
    expect(typeof a.name).toBe('string');
    expect(a.name.length).toBeGreaterThan(0);
    expect(TYPES).toContain(a.type);
    expect(typeof a.multiValued).toBe('boolean');
    expect(typeof a.description).toBe('string');
    expect(a.description.length).toBeGreaterThan(0);
    expect(typeof a.required).toBe('boolean');
    expect(typeof a.caseExact).toBe('boolean');
    expect(MUTABILITY).toContain(a.mutability);
    expect(RETURNED).toContain(a.returned);
    expect(UNIQUENESS).toContain(a.uniqueness);
  });

  it('has sub-attributes exactly on complex attributes, and never nested complex ones', () => {
    const misplaced = all
      .filter(([, a]) => (a.type === 'complex') !== (a.subAttributes !== undefined && a.subAttributes.length > 0))
      .map(([path]) => path);
    expect(misplaced).toEqual([]);
    const nested = all.filter(([path, a]) => path.includes('.') && a.type === 'complex').map(([path]) => path);
    expect(nested).toEqual([]);
  });

  it('has referenceTypes exactly on reference attributes', () => {
    const wrong = all.filter(([, a]) => (a.type === 'reference') !== (a.referenceTypes !== undefined)).map(([p]) => p);
    expect(wrong).toEqual([]);
  });

  it('has unique attribute names (case-insensitively) at each level', () => {
    const check = (list: readonly AttributeDefinition[]) => {
      const names = list.map((a) => a.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
      list.forEach((a) => a.subAttributes && check(a.subAttributes));
    };
    check(schema.attributes);
  });

  it('does not list the common attributes id, externalId, meta', () => {
    const names = schema.attributes.map((a) => a.name);
    expect(names).not.toContain('id');
    expect(names).not.toContain('externalId');
    expect(names).not.toContain('meta');
  });
});

describe('USER_SCHEMA (RFC 7643 §4.1, §8.7.1)', () => {
  it('is identified as the core User schema', () => {
    expect(USER_SCHEMA.id).toBe(SCHEMA.user);
    expect(USER_SCHEMA.name).toBe('User');
    expect(USER_SCHEMA.description).toBe('User Account');
  });

  it('lists the §8.7.1 attributes in order', () => {
    expect(USER_SCHEMA.attributes.map((a) => a.name)).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
  });

  it('userName: required, case-insensitive, unique per server', () => {
    expect(characteristics(find(USER_SCHEMA, 'userName'))).toEqual({
      name: 'userName',
      type: 'string',
      multiValued: false,
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
  });

  it('password: writeOnly, never returned', () => {
    expect(characteristics(find(USER_SCHEMA, 'password'))).toEqual({
      name: 'password',
      type: 'string',
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'writeOnly',
      returned: 'never',
      uniqueness: 'none',
    });
  });

  it('name has its six sub-attributes', () => {
    expect(find(USER_SCHEMA, 'name').subAttributes?.map((a) => a.name)).toEqual([
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]);
  });

  it('profileUrl is an external reference; active is a boolean', () => {
    expect(find(USER_SCHEMA, 'profileUrl')).toMatchObject({ type: 'reference', referenceTypes: ['external'] });
    expect(find(USER_SCHEMA, 'active').type).toBe('boolean');
  });

  it('emails: multi-valued complex with value/display/type/primary and canonical types work/home/other', () => {
    const emails = find(USER_SCHEMA, 'emails');
    expect(emails).toMatchObject({ type: 'complex', multiValued: true, mutability: 'readWrite' });
    expect(emails.subAttributes?.map((a) => a.name)).toEqual(['value', 'display', 'type', 'primary']);
    expect(find(USER_SCHEMA, 'emails.type').canonicalValues).toEqual(['work', 'home', 'other']);
    expect(find(USER_SCHEMA, 'emails.primary').type).toBe('boolean');
  });

  it('canonical type values of the other multi-valued attributes', () => {
    expect(find(USER_SCHEMA, 'phoneNumbers.type').canonicalValues).toEqual([
      'work',
      'home',
      'mobile',
      'fax',
      'pager',
      'other',
    ]);
    expect(find(USER_SCHEMA, 'ims.type').canonicalValues).toEqual([
      'aim',
      'gtalk',
      'icq',
      'xmpp',
      'msn',
      'skype',
      'qq',
      'yahoo',
    ]);
    expect(find(USER_SCHEMA, 'photos.type').canonicalValues).toEqual(['photo', 'thumbnail']);
    expect(find(USER_SCHEMA, 'addresses.type').canonicalValues).toEqual(['work', 'home', 'other']);
    expect(find(USER_SCHEMA, 'photos.value')).toMatchObject({ type: 'reference', referenceTypes: ['external'] });
    expect(find(USER_SCHEMA, 'x509Certificates.value').type).toBe('binary');
  });

  it('addresses has the §4.1.2 components', () => {
    expect(find(USER_SCHEMA, 'addresses').subAttributes?.map((a) => a.name)).toEqual([
      'formatted',
      'streetAddress',
      'locality',
      'region',
      'postalCode',
      'country',
      'type',
      'primary',
    ]);
  });

  it('groups: readOnly throughout, with value/$ref/display/type direct|indirect', () => {
    const groups = find(USER_SCHEMA, 'groups');
    expect(groups).toMatchObject({ type: 'complex', multiValued: true, mutability: 'readOnly' });
    expect(groups.subAttributes?.map((a) => a.name)).toEqual(['value', '$ref', 'display', 'type']);
    for (const sub of groups.subAttributes ?? []) expect(sub.mutability).toBe('readOnly');
    expect(find(USER_SCHEMA, 'groups.$ref')).toMatchObject({ type: 'reference', referenceTypes: ['User', 'Group'] });
    expect(find(USER_SCHEMA, 'groups.type').canonicalValues).toEqual(['direct', 'indirect']);
  });
});

describe('GROUP_SCHEMA (RFC 7643 §4.2, §8.7.1)', () => {
  it('is identified as the core Group schema', () => {
    expect(GROUP_SCHEMA).toMatchObject({ id: SCHEMA.group, name: 'Group', description: 'Group' });
    expect(GROUP_SCHEMA.attributes.map((a) => a.name)).toEqual(['displayName', 'members']);
  });

  it('displayName is required (our deviation from §8.7.1)', () => {
    expect(characteristics(find(GROUP_SCHEMA, 'displayName'))).toEqual({
      name: 'displayName',
      type: 'string',
      multiValued: false,
      required: true,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    });
  });

  it('members: value and $ref immutable, display readOnly, type User|Group immutable', () => {
    expect(find(GROUP_SCHEMA, 'members')).toMatchObject({
      type: 'complex',
      multiValued: true,
      mutability: 'readWrite',
    });
    expect(characteristics(find(GROUP_SCHEMA, 'members.value'))).toEqual({
      name: 'value',
      type: 'string',
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'immutable',
      returned: 'default',
      uniqueness: 'none',
    });
    expect(characteristics(find(GROUP_SCHEMA, 'members.$ref'))).toEqual({
      name: '$ref',
      type: 'reference',
      multiValued: false,
      required: false,
      caseExact: false,
      mutability: 'immutable',
      returned: 'default',
      uniqueness: 'none',
      referenceTypes: ['User', 'Group'],
    });
    expect(find(GROUP_SCHEMA, 'members.display')).toMatchObject({ type: 'string', mutability: 'readOnly' });
    expect(find(GROUP_SCHEMA, 'members.type')).toMatchObject({
      mutability: 'immutable',
      canonicalValues: ['User', 'Group'],
    });
  });
});

describe('ENTERPRISE_USER_SCHEMA (RFC 7643 §4.3, §8.7.1)', () => {
  it('is identified as the enterprise extension', () => {
    expect(ENTERPRISE_USER_SCHEMA).toMatchObject({
      id: SCHEMA.enterpriseUser,
      name: 'EnterpriseUser',
      description: 'Enterprise User',
    });
    expect(ENTERPRISE_USER_SCHEMA.attributes.map((a) => a.name)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
  });

  it('manager: single-valued complex with value, $ref (User) and readOnly displayName', () => {
    const manager = find(ENTERPRISE_USER_SCHEMA, 'manager');
    expect(manager).toMatchObject({ type: 'complex', multiValued: false, required: false, mutability: 'readWrite' });
    expect(manager.subAttributes?.map(characteristics)).toEqual([
      {
        name: 'value',
        type: 'string',
        multiValued: false,
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
        required: false,
        caseExact: false,
        mutability: 'readOnly',
        returned: 'default',
        uniqueness: 'none',
      },
    ]);
  });
});
