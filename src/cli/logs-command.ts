import { setTimeout as sleep } from 'node:timers/promises';
import { LogEntryView } from '../audit-log/dto/log-entry.view';
import { STATUS_FILTER, STATUS_FILTER_RULE } from '../audit-log/log-filter-values';
import { RequestLogsService } from '../audit-log/request-logs.service';

export interface TailOptions {
  json: boolean;
  /** How many recent entries to print first. */
  limit: number;
  /** A status class (`4xx`) or code (`404`). */
  status?: string;
  /** An endpoint (`Users`, `token`…) or SCIM resource type (`User`). */
  resourceType?: string;
  /** Keep polling for new entries until the signal aborts (Ctrl-C ends the process). */
  follow: boolean;
  intervalMs?: number;
  signal?: AbortSignal;
  write: (text: string) => void;
}

/**
 * Entries are written in batches, so one can arrive after a later one was already printed: each
 * poll looks back this far and skips the ids it has seen.
 */
const LOOK_BACK_MS = 10_000;

export function validateTailOptions(
  status: string | undefined,
  limit: string | undefined,
  resourceType?: string,
): string | undefined {
  if (status !== undefined && !STATUS_FILTER.test(status)) return `--status must be ${STATUS_FILTER_RULE}`;
  if (resourceType !== undefined && !(resourceType.length >= 1 && resourceType.length <= 32))
    return '--resource-type must be 1 to 32 characters: User, Group, Bulk, token…';
  if (limit !== undefined && !(/^\d+$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 500))
    return '--limit must be a whole number from 1 to 500';
  return undefined;
}

/** Prints a server's recent entries, oldest first (like tail), then, with `follow`, the new ones as they come. */
export async function tailLogs(logs: RequestLogsService, serverId: string, options: TailOptions): Promise<void> {
  const { write } = options;
  const { status, resourceType } = options;
  const recent = await logs.list(serverId, { limit: options.limit, status, resourceType });
  const seen = new Map<string, number>();
  const print = (entries: LogEntryView[]) => {
    for (const entry of [...entries].reverse()) {
      seen.set(entry.id, Date.parse(entry.time));
      write(options.json ? `${JSON.stringify(entry)}\n` : `${formatEntry(entry)}\n`);
    }
  };
  print(recent.entries);
  if (recent.entries.length === 0 && !options.json) write('(no entries yet)\n');
  if (!options.follow) return;
  let since = recent.entries.length > 0 ? Date.parse(recent.entries[0].time) : Date.now();
  while (!options.signal?.aborted) {
    try {
      await sleep(options.intervalMs ?? 1000, undefined, { signal: options.signal });
    } catch {
      return; // aborted
    }
    const from = new Date(since - LOOK_BACK_MS).toISOString();
    const fresh: LogEntryView[] = [];
    let cursor: string | undefined;
    do {
      const page = await logs.list(serverId, { from, status, resourceType, limit: 500, cursor });
      fresh.push(...page.entries.filter((e) => !seen.has(e.id)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    print(fresh);
    if (fresh.length > 0) since = Math.max(since, ...fresh.map((e) => Date.parse(e.time)));
    for (const [id, at] of seen) if (at < since - 2 * LOOK_BACK_MS) seen.delete(id);
  }
}

/** `2026-01-01T12:00:00.000Z  201  POST    create user jdoe@contoso.com  /scim/v2/…/Users  12 ms` */
export function formatEntry(entry: LogEntryView): string {
  const status = entry.status === null ? '---' : String(entry.status);
  const method = (entry.method ?? entry.kind).padEnd(6);
  const tail = entry.path ? `  ${entry.path}` : '';
  const duration = entry.durationMs === null ? '' : `  ${entry.durationMs} ms`;
  return `${entry.time}  ${status}  ${method}  ${entry.action}${tail}${duration}`;
}
