import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CounterKind } from './entities/server-counter.entity';

/** Distinct names kept per server and kind; later names are counted under OTHER. */
const MAX_NAMES = 200;
const OTHER = '(other)';
const MAX_NAME_LENGTH = 200;

export interface CounterView {
  name: string;
  count: number;
  lastSeen: string;
}

/** Per-server counters (ignored attributes, unmatched role values): every method takes the server id. */
@Injectable()
export class ServerCountersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds one to each name's counter (one statement); names past the cap count as `(other)`. */
  async increment(
    serverId: string,
    kind: CounterKind,
    names: readonly string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const unique = [...new Set(names.map((n) => n.slice(0, MAX_NAME_LENGTH)))];
    if (unique.length === 0) return;
    await em.query(
      `WITH known AS (SELECT name FROM scim_server_counters WHERE server_id = $1 AND kind = $2),
            room AS (SELECT $4::int - count(*) AS left FROM known),
            wanted AS (
              SELECT CASE WHEN w.name IN (SELECT name FROM known) OR w.ord <= (SELECT "left" FROM room) - 1 THEN w.name ELSE $5 END AS name
              FROM unnest($3::text[]) WITH ORDINALITY AS w(name, ord))
       INSERT INTO scim_server_counters AS c (server_id, kind, name, count, last_seen)
       SELECT $1, $2, name, count(*), now() FROM wanted GROUP BY name
       ON CONFLICT (server_id, kind, name) DO UPDATE SET count = c.count + EXCLUDED.count, last_seen = EXCLUDED.last_seen`,
      [serverId, kind, unique, MAX_NAMES, OTHER],
    );
  }

  /** Adds the given amounts (batched increments; names from a closed set, so no cap). One statement. */
  async add(
    serverId: string,
    kind: CounterKind,
    counts: ReadonlyMap<string, number>,
    em: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (counts.size === 0) return;
    await em.query(
      `INSERT INTO scim_server_counters AS c (server_id, kind, name, count, last_seen)
       SELECT $1, $2, w.name, w.n, now() FROM unnest($3::text[], $4::bigint[]) AS w(name, n)
       ON CONFLICT (server_id, kind, name) DO UPDATE SET count = c.count + EXCLUDED.count, last_seen = EXCLUDED.last_seen`,
      [serverId, kind, [...counts.keys()], [...counts.values()]],
    );
  }

  /** The counters of one kind, most frequent first. */
  async list(serverId: string, kind: CounterKind, em: EntityManager = this.dataSource.manager): Promise<CounterView[]> {
    const rows: { name: string; count: string; last_seen: Date }[] = await em.query(
      'SELECT name, count, last_seen FROM scim_server_counters WHERE server_id = $1 AND kind = $2 ORDER BY count DESC, name LIMIT 1000',
      [serverId, kind],
    );
    return rows.map((r) => ({ name: r.name, count: Number(r.count), lastSeen: r.last_seen.toISOString() }));
  }

  async clear(serverId: string, kind: CounterKind, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.query('DELETE FROM scim_server_counters WHERE server_id = $1 AND kind = $2', [serverId, kind]);
  }
}
