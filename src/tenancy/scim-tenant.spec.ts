import { buildScimTenant } from './scim-tenant';
import { SERVER_ID as ID, serverRow } from './server-row.fixture';

describe('buildScimTenant', () => {
  it('decodes a server that stored no settings with every default', () => {
    const tenant = buildScimTenant(serverRow());
    expect(tenant).toMatchObject({ id: ID, name: 'acme', active: true, securityMethod: 'bearer', logRequests: false });
    expect(tenant.scim).toEqual({
      patchStatus: 200,
      strict: false,
      unknownMembers: 'reject',
      memberDisplay: 'resource',
    });
    expect(tenant.access.rateLimit).toEqual({ requestsPerSecond: 50, burst: 100 });
    expect(tenant.access.allowlist.allows('203.0.113.7')).toBe(true);
    expect(tenant.roleMapping.enabled).toBe(false);
    expect(tenant.schemas.lookup.users.attributes).toEqual([]);
    expect([...tenant.neverReturned]).toEqual([]);
    expect(Object.isFrozen(tenant)).toBe(true);
  });

  it('decodes every setting once: SCIM, access, schemas with lookup keys, role mapping, secrets', () => {
    const tenant = buildScimTenant(
      serverRow({
        logRequests: true,
        scimSettings: { patchStatus: 204, strict: true },
        accessSettings: { allowlist: ['192.0.2.0/24'], rateLimit: { burst: 5 } },
        schemaSettings: {
          attributes: [
            {
              name: 'costCenter',
              resourceType: 'User',
              schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
              lookup: true,
            },
            {
              name: 'pin',
              resourceType: 'User',
              schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
              returned: 'never',
            },
          ],
        },
        roleMapping: { roles: ['admin'], defaultRole: null, rules: [] },
        lookupVersion: 2,
        lookupReadyVersion: 2,
      }),
    );
    expect(tenant.logRequests).toBe(true);
    expect(tenant.scim).toEqual({
      patchStatus: 204,
      strict: true,
      unknownMembers: 'reject',
      memberDisplay: 'resource',
    });
    expect(tenant.access.allowlist.allows('192.0.2.9')).toBe(true);
    expect(tenant.access.allowlist.allows('198.51.100.1')).toBe(false);
    expect(tenant.access.rateLimit).toEqual({ requestsPerSecond: 50, burst: 5 });
    expect(tenant.schemas.lookup.users).toMatchObject({ ready: true, attributes: [{ canonical: 'costcenter' }] });
    expect(tenant.roleMapping).toMatchObject({ enabled: true, byGroups: false });
    expect([...tenant.neverReturned]).toEqual(['pin']);
  });
});
