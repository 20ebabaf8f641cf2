import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { attr } from '../schemas/attribute';
import { AttributeType } from '../schemas/types';
import { CompareOp, Literal } from './ast';
import { COMPARE_OPS } from './parser';
import { checkComparison, isOrderingOp, isSubstringOp } from './value-check';

type SimpleType = Exclude<AttributeType, 'complex'>;

const of = (type: SimpleType) =>
  type === 'reference' ? attr('a', { type, referenceTypes: ['external'] }) : attr('a', { type });
const allowed = (type: SimpleType, op: CompareOp, value: Literal): boolean => {
  try {
    checkComparison('a', of(type), op, value, 'invalidFilter');
    return true;
  } catch {
    return false;
  }
};
const opsAllowed = (type: SimpleType, value: Literal) => COMPARE_OPS.filter((op) => allowed(type, op, value));

describe('checkComparison', () => {
  it('classifies the operators', () => {
    expect(COMPARE_OPS.filter(isOrderingOp)).toEqual(['gt', 'ge', 'lt', 'le']);
    expect(COMPARE_OPS.filter(isSubstringOp)).toEqual(['co', 'sw', 'ew']);
  });

  it.each<[SimpleType, Literal, CompareOp[]]>([
    ['string', 'x', ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']],
    ['reference', 'https://x', ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']],
    ['binary', 'AAEC', ['eq', 'ne', 'co', 'sw', 'ew']],
    ['dateTime', '2011-05-13T04:42:34Z', ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']],
    ['dateTime', '2011-05', ['co', 'sw', 'ew']],
    ['integer', 1, ['eq', 'ne', 'gt', 'ge', 'lt', 'le']],
    ['decimal', 1.5, ['eq', 'ne', 'gt', 'ge', 'lt', 'le']],
    ['boolean', true, ['eq', 'ne']],
    ['boolean', null, ['eq', 'ne']],
    ['string', null, ['eq', 'ne']],
    ['string', 1, []],
    ['integer', '1', []],
    ['boolean', 'true', []],
  ])('allows a %s attribute compared with %j by exactly %j', (type, value, ops) => {
    expect(opsAllowed(type, value)).toEqual(ops);
  });

  it('raises the scimType it is given', () => {
    expect(
      thrown(() => checkComparison('emails.primary', attr('primary', { type: 'boolean' }), 'eq', 'yes', 'invalidPath')),
    ).toEqual([400, 'invalidPath', 'Attribute "emails.primary" is boolean: compare it with true or false, not "yes"']);
  });
});
