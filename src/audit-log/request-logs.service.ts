import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { queryFingerprint } from '../scim/query/cursor';
import { ServersRepository } from '../servers/servers.repository';
import { LogEntryDetailView, LogPageView } from './dto/log-entry.view';
import { LogFilterDto, LogListQueryDto } from './dto/log-query.dto';
import { mapLogEntry, mapLogEntryDetail } from './mappers/log-entry.mapper';
import { resourceTypeKey } from './log-filter-values';
import { ExportLimits, LogFilter, LogPosition, RequestLogRepository } from './request-log.repository';

export const DEFAULT_PAGE = 50;
/**
 * An export reads at most 500 entries, and at most 4 MiB of their bodies, at a time: a body may be up
 * to 64 KiB each way (truncate.ts), so 500 whole entries could be 64 MiB — several times that once
 * parsed and serialised again.
 */
export const EXPORT_BATCH: ExportLimits = { rows: 500, bytes: 4 * 1024 * 1024 };
const DELETE_BATCH = 5_000;

/** Reading and deleting an identity server's request log (admin API and CLI). */
@Injectable()
export class RequestLogsService {
  constructor(
    private readonly logs: RequestLogRepository,
    private readonly servers: ServersRepository,
  ) {}

  /** Newest first; `nextCursor` continues with older entries under the same filters. */
  async list(serverId: string, query: LogListQueryDto): Promise<LogPageView> {
    await this.requireServer(serverId);
    const filter = filterOf(query);
    const fingerprint = fingerprintOf(filter);
    const after = query.cursor ? decodeLogCursor(query.cursor, fingerprint) : undefined;
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.logs.page(serverId, filter, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      entries: page.map(mapLogEntry),
      nextCursor: rows.length > limit ? encodeLogCursor({ createdAt: last.createdAt, id: last.id }, fingerprint) : null,
    };
  }

  async get(serverId: string, logId: string): Promise<LogEntryDetailView> {
    await this.requireServer(serverId);
    const row = await this.logs.find(serverId, logId);
    if (!row) throw new NotFoundException(`Identity server ${serverId} has no log entry ${logId}`);
    return mapLogEntryDetail(row);
  }

  /**
   * Every matching entry with its bodies, newest first, one NDJSON line at a time, read in batches
   * bounded by EXPORT_BATCH. One line per chunk lets a stream stop reading as soon as its reader
   * falls behind: the next batch is read only once the lines of this one have been taken.
   */
  async *export(serverId: string, filters: LogFilterDto): AsyncIterable<string> {
    const filter = filterOf(filters);
    let after: LogPosition | undefined;
    for (;;) {
      const { rows, more } = await this.logs.exportBatch(serverId, filter, after, EXPORT_BATCH);
      for (const row of rows) yield `${JSON.stringify(mapLogEntryDetail(row))}\n`;
      if (!more) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  /** Deletes the entries older than `before`, in bounded batches; returns how many went. */
  async deleteBefore(serverId: string, before: Date): Promise<number> {
    await this.requireServer(serverId);
    let deleted = 0;
    for (;;) {
      const n = await this.logs.deleteBefore(serverId, before, DELETE_BATCH);
      deleted += n;
      if (n < DELETE_BATCH) return deleted;
    }
  }

  async requireServer(serverId: string): Promise<void> {
    if (!(await this.servers.findById(serverId))) throw new NotFoundException(`Identity server ${serverId} not found`);
  }
}

function filterOf(dto: LogFilterDto): LogFilter {
  return {
    status: dto.status,
    method: dto.method,
    resourceType: dto.resourceType,
    resourceId: dto.resourceId,
    action: dto.action,
    q: dto.q,
    from: dto.from ? new Date(dto.from) : undefined,
    to: dto.to ? new Date(dto.to) : undefined,
  };
}

function fingerprintOf(filter: LogFilter): string {
  return queryFingerprint([
    filter.status?.toLowerCase(),
    filter.method?.toUpperCase(),
    filter.resourceType && resourceTypeKey(filter.resourceType),
    filter.resourceId,
    filter.action,
    filter.q,
    filter.from?.toISOString(),
    filter.to?.toISOString(),
  ]);
}

/** Opaque to clients: base64url JSON of the last entry's time and id, bound to the filters. */
export function encodeLogCursor(position: LogPosition, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ t: position.createdAt.toISOString(), i: position.id, q: fingerprint })).toString(
    'base64url',
  );
}

export function decodeLogCursor(cursor: string, fingerprint: string): LogPosition {
  let body: { t?: unknown; i?: unknown; q?: unknown };
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as typeof body;
  } catch {
    body = {};
  }
  const time = typeof body?.t === 'string' ? new Date(body.t) : undefined;
  if (!time || Number.isNaN(time.getTime()) || typeof body.i !== 'string' || !/^[0-9a-f-]{36}$/.test(body.i)) {
    throw new BadRequestException(
      'The cursor is not one this server issued: use nextCursor of a previous page, or no cursor to start',
    );
  }
  if (body.q !== fingerprint)
    throw new BadRequestException('The cursor belongs to different filters: start again without a cursor');
  return { createdAt: time, id: body.i };
}
