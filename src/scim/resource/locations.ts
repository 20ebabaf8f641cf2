export type ResourceEndpoint = 'Users' | 'Groups';

/** The URL of a resource under its identity server's own SCIM URL. */
export function resourceLocation(publicUrl: string, serverId: string, endpoint: ResourceEndpoint, id: string): string {
  return `${publicUrl}/scim/v2/${serverId}/${endpoint}/${id}`;
}

export function etagOf(version: number): string {
  return `W/"${version}"`;
}
