import { IdentityServerEntity } from '../servers/entities/identity-server.entity';

export const SERVER_ID = '3c8b1f2e-0000-4000-8000-000000000001';

/** For tests: an identity server row with no settings stored, or those given. */
export function serverRow(settings: Partial<IdentityServerEntity> = {}): IdentityServerEntity {
  const at = new Date(0);
  return {
    id: SERVER_ID,
    name: 'acme',
    active: true,
    isDefault: false,
    logRequests: false,
    logRetentionDays: 30,
    securityMethod: 'bearer',
    securitySettings: {},
    scimSettings: {},
    accessSettings: {},
    schemaSettings: {},
    roleMapping: {},
    lookupVersion: 0,
    lookupReadyVersion: 0,
    lookupChangedAt: null,
    createdAt: at,
    updatedAt: at,
    ...settings,
  };
}
