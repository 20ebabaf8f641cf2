import { lookupKey, LookupAttribute, lookupKeys, MAX_KEYED_VALUE } from './lookup-keys';

const ROLE: LookupAttribute = { canonical: 'secodarole', documentPath: ['secodaRole'], caseExact: false };
const BADGE: LookupAttribute = {
  canonical: 'urn:acme:user:badges',
  documentPath: ['urn:acme:User', 'badges'],
  caseExact: true,
};

describe('lookup keys', () => {
  it('keys string values under the prefix, lower-cased unless caseExact, sorted and distinct', () => {
    const data = { secodaRole: 'Admin', 'urn:acme:User': { badges: ['B-2', 'b-1', 'B-2'] } };
    expect(lookupKeys(data, [ROLE, BADGE], 'ab12cd34:')).toEqual([
      'ab12cd34:secodarole=admin',
      'ab12cd34:urn:acme:user:badges=B-2',
      'ab12cd34:urn:acme:user:badges=b-1',
    ]);
  });

  it('is null without lookup attributes, and empty when the document holds none of their values', () => {
    expect(lookupKeys({ secodaRole: 'Admin' }, [], 'p:')).toBeNull();
    expect(lookupKeys({ other: 'x', secodaRole: null, 'urn:acme:User': 'not an object' }, [ROLE, BADGE], 'p:')).toEqual(
      [],
    );
  });

  it('leaves out values that are not strings or are longer than the keyed maximum', () => {
    const data = {
      secodaRole: ['x'.repeat(MAX_KEYED_VALUE + 1), 7, true, { value: 'a' }, 'x'.repeat(MAX_KEYED_VALUE)],
    };
    expect(lookupKeys(data, [ROLE], '')).toEqual([`secodarole=${'x'.repeat(MAX_KEYED_VALUE)}`]);
  });

  it('builds the same key for a filter value as for the stored value', () => {
    expect(lookupKey('p:', ROLE, 'ADMIN')).toBe(lookupKeys({ secodaRole: 'admin' }, [ROLE], 'p:')![0]);
    expect(lookupKey('p:', BADGE, 'b-1')).not.toBe(lookupKey('p:', BADGE, 'B-1'));
  });
});
