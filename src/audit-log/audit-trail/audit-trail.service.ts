import { BadRequestException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { queryFingerprint } from '../../scim/query/cursor';
import { decodeLogCursor, encodeLogCursor } from '../request-logs.service';
import { redact } from '../request-log/redact';
import { currentActor } from './actor-context';

export interface AuditChange {
  action: string;
  serverId?: string | null;
  targetId?: string | null;
  before?: object | null;
  after?: object | null;
}

export interface AuditRow {
  id: string;
  created_at: Date;
  actor: string;
  actor_address: string | null;
  actor_credential: string | null;
  action: string;
  server_id: string | null;
  target_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditFilter {
  serverId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditEntryView {
  id: string;
  time: string;
  actor: string;
  actorAddress: string | null;
  actorCredential: string | null;
  action: string;
  serverId: string | null;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  nextCursor: string | null;
}

/**
 * The audit trail of administrative changes. `record` takes the change's own EntityManager, so the
 * entry commits or rolls back with the change. Before/after are the admin views (which hold no
 * secret), redacted once more for safety.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async record(em: EntityManager, change: AuditChange): Promise<void> {
    const { actor, address, credential } = currentActor();
    await em.query(
      `INSERT INTO admin_audit (id, created_at, actor, actor_address, actor_credential, action, server_id, target_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        randomUUID(),
        new Date().toISOString(),
        actor,
        address?.slice(0, 64) ?? null,
        credential ?? null,
        change.action,
        change.serverId ?? null,
        change.targetId ?? null,
        change.before ? JSON.stringify(redact(change.before)) : null,
        change.after ? JSON.stringify(redact(change.after)) : null,
      ],
    );
  }

  /** A page of entries, newest first, for the admin API and the CLI; the cursor is bound to the filter. */
  async list(filter: AuditFilter, cursor: string | undefined, limit: number): Promise<AuditPage> {
    if (limit < 1) throw new BadRequestException('limit must be at least 1');
    const fingerprint = queryFingerprint([
      'audit',
      filter.serverId,
      filter.from?.toISOString(),
      filter.to?.toISOString(),
    ]);
    const after = cursor ? decodeLogCursor(cursor, fingerprint) : undefined;
    const rows = await this.page(filter, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      entries: page.map(toView),
      nextCursor:
        rows.length > limit ? encodeLogCursor({ createdAt: last.created_at, id: last.id }, fingerprint) : null,
    };
  }

  /** Newest first, after the position of a previous page; optionally one server's, within a time range. */
  async page(
    filter: { serverId?: string; from?: Date; to?: Date },
    after: { createdAt: Date; id: string } | undefined,
    limit: number,
  ): Promise<AuditRow[]> {
    const values: unknown[] = [];
    const where: string[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (filter.serverId) where.push(`server_id = ${param(filter.serverId)}`);
    if (filter.from) where.push(`created_at >= ${param(filter.from.toISOString())}::timestamptz`);
    if (filter.to) where.push(`created_at < ${param(filter.to.toISOString())}::timestamptz`);
    if (after)
      where.push(`(created_at, id) < (${param(after.createdAt.toISOString())}::timestamptz, ${param(after.id)}::uuid)`);
    return this.dataSource.query(
      `SELECT id, created_at, actor, actor_address, actor_credential, action, server_id, target_id, before, after FROM admin_audit
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${Math.trunc(limit)}`,
      values,
    );
  }
}

function toView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    time: row.created_at.toISOString(),
    actor: row.actor,
    actorAddress: row.actor_address,
    actorCredential: row.actor_credential,
    action: row.action,
    serverId: row.server_id,
    targetId: row.target_id,
    before: row.before,
    after: row.after,
  };
}
