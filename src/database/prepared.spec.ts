import { MAX_PREPARED_STATEMENTS, statementName } from './prepared';

describe('statementName', () => {
  it('names a statement after its text, the same name every time', () => {
    const name = statementName('SELECT 1 AS spec_one');
    expect(name).toMatch(/^scimd_[0-9a-f]{24}$/);
    expect(statementName('SELECT 1 AS spec_one')).toBe(name);
    expect(statementName('SELECT 2 AS spec_two')).not.toBe(name);
  });

  it('stops naming new statements past the bound, but keeps the names already given', () => {
    const first = statementName('SELECT 1 AS spec_kept');
    for (let i = 0; i < MAX_PREPARED_STATEMENTS; i++) statementName(`SELECT ${i} AS spec_filler`);
    expect(statementName('SELECT 1 AS spec_new_after_the_bound')).toBeUndefined();
    expect(statementName('SELECT 1 AS spec_kept')).toBe(first);
  });
});
