import { parseFilter } from '../scim/filter';
import { memberIdsOfFilter } from './member-filter-ids';

const A = '2819c223-7f76-453a-919d-413861904646';
const B = '08E1D05D-121C-4561-8B96-473D93DF9210';

describe('memberIdsOfFilter', () => {
  it('names the ids of value eq filters and or-chains of them', () => {
    expect(memberIdsOfFilter(parseFilter(`value eq "${A}"`))).toEqual([A]);
    expect(memberIdsOfFilter(parseFilter(`value eq "${A}" or Value eq "${B}"`))).toEqual([A, B.toLowerCase()]);
  });

  it('gives up on anything else', () => {
    expect(memberIdsOfFilter(parseFilter(`value ne "${A}"`))).toBeUndefined();
    expect(memberIdsOfFilter(parseFilter('value eq "not-a-uuid"'))).toBeUndefined();
    expect(memberIdsOfFilter(parseFilter(`display eq "x" or value eq "${A}"`))).toBeUndefined();
    expect(memberIdsOfFilter(parseFilter(`value eq "${A}" and type eq "User"`))).toBeUndefined();
  });
});
