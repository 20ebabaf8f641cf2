import { randomUUID } from 'node:crypto';
import { TestApp, TestResponse } from './test-app';

export interface CreatedServer {
  id: string;
  scimUrl: string;
  /** Path of the server's SCIM base, e.g. /scim/v2/<id>. */
  base: string;
  token: string | null;
  credentialId: string | null;
  body: any;
}

let counter = 0;

export function uniqueName(prefix = 'server'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomUUID().slice(0, 8)}`;
}

export async function createServer(app: TestApp, body: Record<string, unknown> = {}): Promise<CreatedServer> {
  const res = await app.admin('POST', '/servers', { name: uniqueName(), security: { method: 'bearer' }, ...body });
  if (res.status !== 201) throw new Error(`createServer: ${res.status} ${res.text}`);
  return {
    id: res.body.id,
    scimUrl: res.body.scimUrl,
    base: `/scim/v2/${res.body.id}`,
    token: res.body.credentials?.token ?? null,
    credentialId: res.body.credentials?.id ?? null,
    body: res.body,
  };
}

/** A SCIM request to a server with its own token (or another, or none). */
export function scim(
  app: TestApp,
  server: Pick<CreatedServer, 'token'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  const auth: Record<string, string> = server.token ? { authorization: `Bearer ${server.token}` } : {};
  return app.request(method, path, { headers: { ...auth, ...headers }, body });
}

export function userBody(
  userName = `${uniqueName('user')}@example.com`,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true, ...extra };
}

export function groupBody(
  displayName = uniqueName('group'),
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, ...extra };
}

export const SCIM_JSON = 'application/scim+json; charset=utf-8';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export function scimError(status: number, detail: string | RegExp, scimType?: string): Record<string, unknown> {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType && { scimType }),
    detail: typeof detail === 'string' ? detail : expect.stringMatching(detail),
  };
}
