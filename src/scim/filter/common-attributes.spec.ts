import { COMMON_ATTRIBUTES } from './common-attributes';

describe('COMMON_ATTRIBUTES', () => {
  it('defines id, externalId, meta and schemas with their RFC 7643 characteristics', () => {
    const [id, externalId, meta, schemas] = COMMON_ATTRIBUTES;
    expect(id).toMatchObject({
      name: 'id',
      type: 'string',
      mutability: 'readOnly',
      returned: 'always',
      caseExact: true,
      uniqueness: 'server',
    });
    expect(externalId).toMatchObject({ name: 'externalId', type: 'string', mutability: 'readWrite', caseExact: true });
    expect(meta).toMatchObject({ name: 'meta', type: 'complex', mutability: 'readOnly' });
    expect(meta.subAttributes?.map((s) => [s.name, s.type])).toEqual([
      ['resourceType', 'string'],
      ['created', 'dateTime'],
      ['lastModified', 'dateTime'],
      ['location', 'reference'],
      ['version', 'string'],
    ]);
    expect(schemas).toMatchObject({ name: 'schemas', multiValued: true });
  });
});
