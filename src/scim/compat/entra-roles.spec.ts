import { parsePatchRequest } from '../patch';
import { canonicalRoleEntry, canonicalRoleOperations, withCanonicalRoles } from './entra-roles';
import { Leniency } from './leniency';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ops = (...Operations: unknown[]) => parsePatchRequest({ schemas: [PATCH], Operations });
const entra = (value: string) => ({
  value: JSON.stringify({ id: '06b07648-ecfe-589f-9d2f-6325724a46ee', value, displayName: `${value} role` }),
});

describe('Entra app role entries', () => {
  it('turns the PATCH shape (assignment as JSON text) into value and display; keeps every other entry', () => {
    expect(canonicalRoleEntry(entra('Admin'))).toEqual({ value: 'Admin', display: 'Admin role' });
    expect(canonicalRoleEntry({ ...entra('Admin'), display: 'Mine' })).toEqual({ value: 'Admin', display: 'Mine' });
    const post = { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Admin', value: 'Admin' };
    expect(canonicalRoleEntry(post)).toBe(post);
    expect(canonicalRoleEntry({ value: '{not json' })).toEqual({ value: '{not json' });
    expect(canonicalRoleEntry({ value: '{"id":"x"}' })).toEqual({ value: '{"id":"x"}' });
    expect(canonicalRoleEntry('Admin')).toBe('Admin');
  });

  it('rewrites roles in bodies, top-level or URN-qualified', () => {
    expect(withCanonicalRoles({ userName: 'a', roles: [entra('Admin')] })).toEqual({
      userName: 'a',
      roles: [{ value: 'Admin', display: 'Admin role' }],
    });
    const urn = 'urn:ietf:params:scim:schemas:core:2.0:User:roles';
    expect(withCanonicalRoles({ [urn]: [entra('X')] })).toEqual({ [urn]: [{ value: 'X', display: 'X role' }] });
    expect(withCanonicalRoles('x')).toBe('x');
  });

  it('rewrites PATCH values by path and path-less; add of the whole list replaces it when asked', () => {
    const [add, remove, pathless, filtered] = canonicalRoleOperations(
      ops(
        { op: 'Add', path: 'roles', value: [entra('A')] },
        { op: 'Remove', path: 'roles', value: [entra('B')] },
        { op: 'add', value: { Roles: [entra('C')] } },
        { op: 'add', path: 'roles[value eq "A"].display', value: 'x' },
      ),
      true,
    );
    expect(add).toMatchObject({ op: 'replace', value: [{ value: 'A', display: 'A role' }] });
    expect(remove).toMatchObject({ op: 'remove', value: [{ value: 'B', display: 'B role' }] });
    expect(pathless).toMatchObject({ op: 'add', value: { Roles: [{ value: 'C', display: 'C role' }] } });
    expect(filtered).toMatchObject({ op: 'add', value: 'x' });
    expect(canonicalRoleOperations(ops({ op: 'Add', path: 'roles', value: [entra('A')] }), false)[0].op).toBe('add');
  });

  it('counts the JSON-text entries it reads once per request, and keeps them as sent when strict', () => {
    const lenient = new Leniency();
    expect(withCanonicalRoles({ roles: [entra('A'), entra('B'), { value: 'C' }] }, lenient)).toEqual({
      roles: [{ value: 'A', display: 'A role' }, { value: 'B', display: 'B role' }, { value: 'C' }],
    });
    expect(lenient.applied).toEqual(['role-as-json-text']);

    const strict = new Leniency(true);
    const [add] = canonicalRoleOperations(ops({ op: 'Add', path: 'roles', value: [entra('A')] }), false, strict);
    expect(add.value).toEqual([entra('A')]);
    expect(strict.applied).toEqual(['role-as-json-text']);

    const untouched = new Leniency();
    withCanonicalRoles({ roles: [{ value: 'Admin', display: 'Admin' }] }, untouched);
    expect(untouched.applied).toEqual([]);
  });
});
