import { AuditEntryView, AuditTrail } from '../audit-log/audit-trail/audit-trail.service';

export interface AuditOptions {
  json: boolean;
  serverId?: string;
  from?: Date;
  limit: number;
  write: (text: string) => void;
}

/** Checks `--since` (an ISO 8601 time) and `--limit`; the problem in words, or undefined. */
export function validateAuditOptions(since: string | undefined, limit: string | undefined): string | undefined {
  if (since !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(Date.parse(since))))
    return '--since must be an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T08:00:00Z';
  if (limit !== undefined && !(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 500))
    return '--limit must be a whole number from 1 to 500';
  return undefined;
}

/** Prints the most recent administrative changes (of one server, or all), oldest first like a log. */
export async function printAudit(trail: AuditTrail, options: AuditOptions): Promise<void> {
  const { write } = options;
  const page = await trail.list({ serverId: options.serverId, from: options.from }, undefined, options.limit);
  const entries = [...page.entries].reverse();
  if (options.json) {
    for (const entry of entries) write(`${JSON.stringify(entry)}\n`);
    return;
  }
  if (entries.length === 0) write('(no administrative changes recorded)\n');
  for (const entry of entries) write(`${formatAuditEntry(entry)}\n`);
}

/** `2026-11-24T12:00:00.000Z  admin-api sha256:0a1b2c3d4e5f 10.0.0.7  server.update  <server>  changed: logRequests` */
export function formatAuditEntry(entry: AuditEntryView): string {
  const who = [entry.actor, entry.actorCredential, entry.actorAddress].filter((part) => part !== null).join(' ');
  const changed = changedKeys(entry.before, entry.after);
  const target = entry.serverId ?? entry.targetId ?? '-';
  return `${entry.time}  ${who}  ${entry.action}  ${target}${changed.length > 0 ? `  changed: ${changed.join(', ')}` : ''}`;
}

/** Top-level members whose values differ between before and after (both present). */
function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
