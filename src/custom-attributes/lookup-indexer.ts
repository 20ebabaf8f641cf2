import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LookupAttribute, lookupKeys, lookupPrefix } from '../scim/resource';
import { ServerDirectory } from '../servers/server-directory';
import { CustomResourceType, schemaSettingsOf } from './custom-attribute';
import { lookupAttributesOf } from './server-schemas';

/** Arbitrary constant: the advisory lock that lets one instance at a time re-key. */
export const LOOKUP_LOCK = 7_243_313;
/** Resources read and re-keyed per transaction. */
export const LOOKUP_BATCH = 1_000;
/**
 * Re-keying of a server starts this long after its lookup attributes changed: by then every instance
 * has dropped its cached copy of the server (30 s at most, at once through NOTIFY) and finished the
 * requests that read the old one, so that every write since keys with the new declarations.
 */
export const LOOKUP_SETTLE_MS = 60_000;
const EVERY_MS = 15_000;

const TABLES: { table: string; type: CustomResourceType }[] = [
  { table: 'scim_users', type: 'User' },
  { table: 'scim_groups', type: 'Group' },
];

interface PendingServer {
  id: string;
  lookup_version: number;
  schema_settings: Record<string, unknown>;
}

/**
 * Keeps each server's lookup index whole. Writes key the resources they write; when an administrator
 * changes which attributes are keyed, the resources already stored are re-keyed here, in batches of
 * LOOKUP_BATCH by id (each its own short transaction under a transaction-scoped advisory lock: with
 * several instances, one re-keys and the others skip the round; an interrupted run resumes from the
 * start next round, and re-keying is idempotent). A batch writes a row's keys only if the row is still
 * at the version it read — a write meanwhile keyed it itself. At the end the server's
 * `lookup_ready_version` catches up with `lookup_version` (only if that did not move meanwhile), and
 * from then on filters use the index.
 */

/** The rows of one resource table of one server whose lookup keys are rebuilt, and how. */
interface RekeyTarget {
  table: string;
  serverId: string;
  keyed: LookupAttribute[];
  prefix: string;
}
@Injectable()
export class LookupIndexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LookupIndexer');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: ServerDirectory,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One round: re-keys every server whose change has settled; returns how many became ready. */
  async run(now = new Date(), settleMs = LOOKUP_SETTLE_MS): Promise<number> {
    const pending: PendingServer[] = await this.dataSource.query(
      'SELECT id, lookup_version, schema_settings FROM identity_servers WHERE lookup_version <> lookup_ready_version AND lookup_changed_at <= $1 ORDER BY id',
      [new Date(now.getTime() - settleMs).toISOString()],
    );
    let ready = 0;
    for (const server of pending) {
      const done = await this.rekey(server);
      if (done === undefined) break;
      if (done) ready += 1;
    }
    return ready;
  }

  /** Re-keys one server; undefined when another instance holds the lock, false when its declarations moved on. */
  private async rekey(server: PendingServer): Promise<boolean | undefined> {
    const attributes = schemaSettingsOf(server.schema_settings).attributes;
    const prefix = lookupPrefix(server.id);
    for (const { table, type } of TABLES) {
      const batch: RekeyTarget = { table, serverId: server.id, keyed: lookupAttributesOf(attributes, type), prefix };
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const last = await this.dataSource.transaction((em) => this.rekeyBatch(em, batch, after));
        if (last === null) return undefined;
        if (last === undefined) break;
        after = last;
      }
    }
    return this.dataSource.transaction(async (em) => {
      const [rows] = (await em.query(
        'UPDATE identity_servers SET lookup_ready_version = $2 WHERE id = $1 AND lookup_version = $2 RETURNING id',
        [server.id, server.lookup_version],
      )) as [unknown[], number];
      if (rows.length === 0) return false;
      await this.directory.changed(server.id, em);
      return true;
    });
  }

  /** One batch after `after` (by id): the last id, undefined when none was left, null without the lock. */
  private async rekeyBatch(em: EntityManager, target: RekeyTarget, after: string): Promise<string | undefined | null> {
    const { table, serverId, keyed, prefix } = target;
    const [{ locked }] = await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [LOOKUP_LOCK]);
    if (!locked) return null;
    const rows: { id: string; version: number; data: Record<string, unknown> }[] = await em.query(
      `SELECT id, version, data FROM ${table} WHERE server_id = $1 AND id > $2 ORDER BY id LIMIT ${LOOKUP_BATCH}`,
      [serverId, after],
    );
    if (rows.length === 0) return undefined;
    const keys = rows.map((r) => ({ id: r.id, version: r.version, keys: lookupKeys(r.data, keyed, prefix) }));
    await em.query(
      `UPDATE ${table} r SET lookup_keys = CASE WHEN jsonb_typeof(v.keys) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(v.keys)) END
       FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, version integer, keys jsonb)
       WHERE r.server_id = $1 AND r.id = v.id AND r.version = v.version`,
      [serverId, JSON.stringify(keys)],
    );
    return rows.length < LOOKUP_BATCH ? undefined : rows[rows.length - 1].id;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.running = this.run().catch((error: Error) => {
        this.logger.warn(`lookup re-keying failed: ${error.message}`);
        return 0;
      });
      void this.running.finally(() => {
        if (this.timer !== undefined) this.schedule(EVERY_MS);
      });
    }, delay);
    this.timer.unref();
  }
}
