/**
 * The identity server id a repository method was given, refused when empty: TypeORM drops
 * `undefined` from a WHERE and a query would run unscoped, across every tenant. Every SCIM
 * repository method takes the server id first and checks it here. A programming error, never a
 * client's: it is a plain Error (500).
 */
export function requireServerId(serverId: string): string {
  if (typeof serverId !== 'string' || serverId === '')
    throw new Error('a SCIM repository was called without a server id');
  return serverId;
}
