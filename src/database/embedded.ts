import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';

/**
 * The embedded PostgreSQL (PGlite, one WASM process-local instance). It is served to TypeORM through
 * PGlite's own node-postgres adapter with a pool of exactly one connection: PGlite has one session, so
 * one transaction at a time, and a pool of one makes the others wait instead of interleaving.
 */
export interface EmbeddedDatabase {
  pglite: PGlite;
  /** Goes into TypeORM's `extra`, i.e. into the `pg` Pool options. */
  poolOptions: Record<string, unknown>;
}

export function openEmbeddedDatabase(dataDir: string): EmbeddedDatabase {
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = join(dataDir, 'pgdata');
    mkdirSync(location, { recursive: true });
  }
  const pglite = new PGlite(location);
  const { connection } = createPgConfig(pglite);
  return { pglite, poolOptions: { connection, max: 1, idleTimeoutMillis: 0 } };
}
