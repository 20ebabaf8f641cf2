import { attr, complex } from './attribute';

describe('attr', () => {
  it('applies the RFC 7643 §2.2 defaults', () => {
    expect(attr('nickName')).toEqual({
      name: 'nickName',
      type: 'string',
      multiValued: false,
      description: '',
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    });
  });

  it('keeps the given characteristics', () => {
    expect(attr('userName', { required: true, uniqueness: 'server', caseExact: true, description: 'd' })).toMatchObject(
      { required: true, uniqueness: 'server', caseExact: true, description: 'd', type: 'string' },
    );
  });

  it('adds canonicalValues and referenceTypes only when given', () => {
    const plain = attr('title');
    expect('canonicalValues' in plain).toBe(false);
    expect('referenceTypes' in plain).toBe(false);
    expect('subAttributes' in plain).toBe(false);
    expect(attr('type', { canonicalValues: ['work'] }).canonicalValues).toEqual(['work']);
    expect(attr('$ref', { type: 'reference', referenceTypes: ['User'] }).referenceTypes).toEqual(['User']);
  });

  it('does not share the caller’s arrays and freezes the result', () => {
    const values = ['a'];
    const def = attr('type', { canonicalValues: values });
    values.push('b');
    expect(def.canonicalValues).toEqual(['a']);
    expect(Object.isFrozen(def)).toBe(true);
    expect(Object.isFrozen(def.canonicalValues)).toBe(true);
  });

  it('rejects a complex type, a reference without referenceTypes, and referenceTypes on non-references', () => {
    expect(() => attr('x', { type: 'complex' })).toThrow(/complex\(\)/);
    expect(() => attr('x', { type: 'reference' })).toThrow(/referenceTypes/);
    expect(() => attr('x', { referenceTypes: ['User'] })).toThrow(/referenceTypes/);
  });
});

describe('complex', () => {
  it('builds a complex attribute with sub-attributes', () => {
    const def = complex('name', [attr('givenName')], { description: 'n' });
    expect(def).toMatchObject({ name: 'name', type: 'complex', multiValued: false, description: 'n' });
    expect(def.subAttributes?.map((s) => s.name)).toEqual(['givenName']);
  });

  it('rejects nesting and empty sub-attribute lists', () => {
    const inner = complex('inner', [attr('a')]);
    expect(() => complex('outer', [inner])).toThrow(/must not be complex/);
    expect(() => complex('empty', [])).toThrow(/sub-attributes/);
  });
});
