import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { SCHEMA } from '../constants';
import { USER_RESOURCE } from '../resource';
import { applyPatch } from './apply';
import { REJECTING, ops, ENTERPRISE, MANAGER, enterpriseUser, patchUser, patchWith, user } from './patch.fixture';

const ext = (resource: Record<string, unknown>) => resource[ENTERPRISE] as Record<string, unknown> | undefined;

describe('applyPatch: extension attributes (RFC 7643 §3.3, RFC 7644 §3.5.2)', () => {
  it('adds an attribute by URN path, creating the extension object and listing its URN', () => {
    const result = patchUser(user(), { op: 'add', path: `${ENTERPRISE}:manager`, value: { value: MANAGER } });
    expect(ext(result.resource)).toEqual({ manager: { value: MANAGER } });
    expect(result.resource.schemas).toEqual([SCHEMA.user, ENTERPRISE]);
  });

  it('replaces a sub-attribute by URN path (manager.value)', () => {
    const result = patchUser(enterpriseUser(), {
      op: 'replace',
      path: `${ENTERPRISE}:manager.value`,
      value: 'other-id',
    });
    expect(ext(result.resource)).toEqual({
      department: 'Tour Operations',
      manager: { value: 'other-id', displayName: 'John Smith' },
    });
  });

  it('matches the URN and attribute names case-insensitively', () => {
    const result = patchUser(enterpriseUser(), {
      op: 'replace',
      path: `${ENTERPRISE.toUpperCase()}:DEPARTMENT`,
      value: 'Sales',
    });
    expect(ext(result.resource)?.department).toBe('Sales');
  });

  it('removes an attribute by URN path', () => {
    const result = patchUser(enterpriseUser(), { op: 'remove', path: `${ENTERPRISE}:manager` });
    expect(ext(result.resource)).toEqual({ department: 'Tour Operations' });
  });

  it('drops the extension object and its URN when its last attribute is removed', () => {
    const result = patchUser(
      enterpriseUser(),
      { op: 'remove', path: `${ENTERPRISE}:manager` },
      { op: 'remove', path: `${ENTERPRISE}:department` },
    );
    expect(result.resource).not.toHaveProperty(ENTERPRISE);
    expect(result.resource.schemas).toEqual([SCHEMA.user]);
  });

  it('keeps the URN of a required extension when its last attribute is removed', () => {
    const schemas = { ...USER_RESOURCE, requiredExtensions: [ENTERPRISE] };
    const result = patchWith(
      schemas,
      {},
      enterpriseUser(),
      { op: 'remove', path: `${ENTERPRISE}:manager` },
      { op: 'remove', path: `${ENTERPRISE}:department` },
    );
    expect(result.resource.schemas).toEqual([SCHEMA.user, ENTERPRISE]);
  });

  it('merges an object into the extension when the path is the extension URN', () => {
    const result = patchUser(enterpriseUser(), {
      op: 'add',
      path: ENTERPRISE,
      value: { Division: 'Theme Park', costCenter: '4130' },
    });
    expect(ext(result.resource)).toEqual({
      department: 'Tour Operations',
      manager: { value: MANAGER, displayName: 'John Smith' },
      division: 'Theme Park',
      costCenter: '4130',
    });
  });

  it('removes the whole extension when the path is the extension URN', () => {
    const result = patchUser(enterpriseUser(), { op: 'remove', path: ENTERPRISE });
    expect(result.resource).not.toHaveProperty(ENTERPRISE);
    expect(result.resource.schemas).toEqual([SCHEMA.user]);
  });

  it('refuses to remove a required extension with 400 mutability', () => {
    const schemas = { ...USER_RESOURCE, requiredExtensions: [ENTERPRISE] };
    expect(thrown(() => patchWith(schemas, {}, enterpriseUser(), { op: 'remove', path: ENTERPRISE }))).toEqual([
      400,
      'mutability',
      `Operations[0]: Extension "${ENTERPRISE}" is required and cannot be removed`,
    ]);
  });

  it('applies a path-less value keyed by the extension URN, ignoring unknown attributes', () => {
    const result = patchUser(user(), { op: 'add', value: { [ENTERPRISE]: { department: 'Sales', shoeSize: 42 } } });
    expect(ext(result.resource)).toEqual({ department: 'Sales' });
    expect(result.ignored).toEqual([`${ENTERPRISE}:shoeSize`]);
  });

  it('applies path-less URN-qualified keys (Entra ID style)', () => {
    const result = patchUser(enterpriseUser(), {
      op: 'replace',
      value: { [`${ENTERPRISE}:department`]: 'Sales', [`${ENTERPRISE}:manager`]: { value: 'm2' } },
    });
    expect(ext(result.resource)).toEqual({ department: 'Sales', manager: { value: 'm2', displayName: 'John Smith' } });
  });

  it('removes the extension given null in a path-less replace', () => {
    const result = patchUser(enterpriseUser(), { op: 'replace', value: { [ENTERPRISE]: null } });
    expect(result.resource).not.toHaveProperty(ENTERPRISE);
  });

  it('refuses a readOnly sub-attribute path (manager.displayName) with 400 mutability', () => {
    expect(
      thrown(() =>
        patchUser(enterpriseUser(), { op: 'replace', path: `${ENTERPRISE}:manager.displayName`, value: 'X' }),
      ),
    ).toEqual([
      400,
      'mutability',
      `Operations[0]: Attribute "${ENTERPRISE}:manager.displayName" is readOnly and cannot be modified`,
    ]);
  });

  it('refuses an extension value that is not an object with 400 invalidValue', () => {
    expect(thrown(() => patchUser(user(), { op: 'add', path: ENTERPRISE, value: 'Sales' }))).toEqual([
      400,
      'invalidValue',
      `Operations[0]: The value of "${ENTERPRISE}" must be an object of its attributes`,
    ]);
  });

  it('skips and reports an unknown extension URN in a path, or refuses it with 400 invalidPath under the reject policy', () => {
    const skipped = applyPatch(
      user(),
      ops({ op: 'add', path: 'urn:example:ext:1.0:User:shoeSize', value: 42 }),
      USER_RESOURCE,
    );
    expect(skipped).toMatchObject({ resource: user(), changed: false, unknown: ['urn:example:ext:1.0:User:shoeSize'] });
    expect(
      thrown(() =>
        applyPatch(user(), ops({ op: 'add', path: 'urn:example:ext:1.0:User:shoeSize', value: 42 }), REJECTING),
      ),
    ).toEqual([
      400,
      'invalidPath',
      'Operations[0]: Unknown schema "urn:example:ext:1.0:User" in path attribute "urn:example:ext:1.0:User:shoeSize"',
    ]);
  });
});
