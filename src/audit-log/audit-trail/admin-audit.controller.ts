import { BadRequestException, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { AdminController } from '../../admin/admin-endpoint.decorator';
import { queryFingerprint } from '../../scim-http/cursor';
import { CursorPageDto } from '../dto/log-query.dto';
import { decodeLogCursor, encodeLogCursor } from '../request-logs.service';
import { AuditRow, AuditTrail } from './audit-trail.service';

export class AuditQueryDto extends CursorPageDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serverId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
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

@AdminController('audit', 'audit trail')
export class AdminAuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Administrative changes, newest first, cursor-paged: who, what (before/after, no secrets), when' })
  @ApiOkResponse({ schema: { type: 'object', properties: { entries: { type: 'array', items: { type: 'object' } }, nextCursor: { type: 'string', nullable: true } } } })
  async list(@Query() query: AuditQueryDto): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
    const filter = { serverId: query.serverId?.toLowerCase(), from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
    const fingerprint = queryFingerprint(['audit', filter.serverId, filter.from?.toISOString(), filter.to?.toISOString()]);
    const after = query.cursor ? decodeLogCursor(query.cursor, fingerprint) : undefined;
    const limit = query.limit ?? 50;
    if (limit < 1) throw new BadRequestException('limit must be at least 1');
    const rows = await this.trail.page(filter, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { entries: page.map(mapAudit), nextCursor: rows.length > limit ? encodeLogCursor({ createdAt: last.created_at, id: last.id }, fingerprint) : null };
  }
}

function mapAudit(row: AuditRow): AuditEntryView {
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
