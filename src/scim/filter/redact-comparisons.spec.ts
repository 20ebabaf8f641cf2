import { redactComparisons } from './redact-comparisons';

const password = (name: string) => name.toLowerCase() === 'password' || name === 'pin';

describe('redactComparisons', () => {
  it.each([
    ['password eq "hunter2"', 'password eq "[redacted]"'],
    ['PASSWORD Eq "a \\" b"', 'PASSWORD Eq "[redacted]"'],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:password eq "x"',
      'urn:ietf:params:scim:schemas:core:2.0:User:password eq "[redacted]"',
    ],
    [
      'userName eq "a" and (password sw "abc" or pin gt 1234)',
      'userName eq "a" and (password sw "[redacted]" or pin gt "[redacted]")',
    ],
    ['password eq "unterminated', 'password eq "[redacted]"'],
    ['password  eq   hunter2', 'password  eq   "[redacted]"'],
    ['emails[value eq "password eq \\"x\\""]', 'emails[value eq "password eq \\"x\\""]'],
    ['userName eq "password" and displayName pr', 'userName eq "password" and displayName pr'],
    ['password pr', 'password pr'],
    ['userName', 'userName'],
  ])('%s → %s', (filter, expected) => {
    expect(redactComparisons(filter, password)).toBe(expected);
  });
});
