import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ServerDirectory } from '../servers/server-directory';
import { serverRow } from './server-row.fixture';
import { TenantDirectory } from './tenant-directory';

/** A ServerDirectory that hands out the row it holds (the same object until it is replaced, as the real one does). */
function directoryOf(rows: { byId: IdentityServerEntity | null; default: IdentityServerEntity | null }) {
  return {
    server: jest.fn(async () => rows.byId),
    defaultOne: jest.fn(async () => rows.default),
  };
}

describe('TenantDirectory', () => {
  it('builds one tenant per row object, and a new one when the directory hands out a new row', async () => {
    const rows = { byId: serverRow() as IdentityServerEntity | null, default: null };
    const tenants = new TenantDirectory(directoryOf(rows) as unknown as ServerDirectory);
    const first = await tenants.byId('x');
    expect(await tenants.byId('x')).toBe(first);
    rows.byId = serverRow({ scimSettings: { patchStatus: 204 } });
    const changed = await tenants.byId('x');
    expect(changed).not.toBe(first);
    expect(changed?.scim.patchStatus).toBe(204);
  });

  it('resolves the default server, and none as null', async () => {
    const row = serverRow({ isDefault: true });
    const tenants = new TenantDirectory(directoryOf({ byId: null, default: row }) as unknown as ServerDirectory);
    expect((await tenants.defaultTenant())?.id).toBe(row.id);
    expect(await tenants.byId('missing')).toBeNull();
  });
});
