import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { resourceIdOf } from './resource-id';

describe('resourceIdOf', () => {
  it('answers a UUID in lower case', () => {
    expect(resourceIdOf('2819C223-7F76-453A-919D-413861904646')).toBe('2819c223-7f76-453a-919d-413861904646');
  });

  it.each(['', 'bjensen', '2819c223-7f76-453a-919d-41386190464', '2819c223-7f76-453a-919d-413861904646x'])(
    'refuses %j as an unknown resource (404)',
    (value) => {
      expect(thrown(() => resourceIdOf(value))).toEqual([404, undefined, `Resource ${value} not found`]);
    },
  );
});
