import { USER_SCHEMA } from '../schemas';
import { canonicalElement, isUnassigned, sameState, sameValue } from './values';

const def = (name: string) => USER_SCHEMA.attributes.find((a) => a.name === name)!;

describe('PATCH value helpers', () => {
  it('treats undefined, null, [] and objects without assigned members as unassigned, but not ""', () => {
    expect([undefined, null, [], [null], {}, { a: null, b: [] }].map(isUnassigned)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['', 0, false, { a: '' }, [0]].map(isUnassigned)).toEqual([false, false, false, false, false]);
  });

  it('compares states ignoring unassigned members and key order, arrays in order', () => {
    expect(sameState({ a: 1, b: { c: 2, d: null }, e: [] }, { b: { c: 2 }, a: 1 })).toBe(true);
    expect(sameState({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameState({ a: 'x' }, { a: 'X' })).toBe(false);
  });

  it('compares multi-valued values as unordered collections under caseExact rules', () => {
    const emails = def('emails');
    expect(
      sameValue(
        emails,
        [{ value: 'A@x.org', type: 'work' }, { value: 'b@x.org' }],
        [{ value: 'b@x.org' }, { value: 'a@x.org', type: 'WORK' }],
      ),
    ).toBe(true);
    expect(sameValue(emails, [{ value: 'a@x.org' }], [{ value: 'a@x.org', primary: true }])).toBe(false);
    expect(sameValue(def('userName'), null, [])).toBe(true);
  });

  it('canonicalizes known sub-attribute names and keeps unknown ones', () => {
    expect(canonicalElement(def('emails'), { VALUE: 'a@x.org', Primary: true, Extra: 1 })).toEqual({
      value: 'a@x.org',
      primary: true,
      Extra: 1,
    });
    expect(canonicalElement(def('userName'), 'Babs')).toBe('Babs');
  });
});
