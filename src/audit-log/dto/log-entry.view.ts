import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LogEntryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ['request', 'auth', 'dropped'],
    description:
      'request; auth: a refused authentication or token request (kept whether logging is on or not, without bodies); dropped: entries lost',
  })
  kind: string;

  @ApiProperty({ format: 'date-time' })
  time: string;

  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;

  @ApiProperty({ type: String, nullable: true })
  method: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Path and query as sent' })
  path: string | null;

  @ApiProperty({ type: Number, nullable: true })
  status: number | null;

  @ApiProperty({ type: Number, nullable: true })
  durationMs: number | null;

  @ApiProperty({ type: String, nullable: true })
  clientAddress: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  credentialId: string | null;

  @ApiProperty({ type: String, nullable: true })
  resourceType: string | null;

  @ApiProperty({ type: String, nullable: true })
  resourceId: string | null;

  @ApiProperty({ example: 'deactivate user jdoe@contoso.com' })
  action: string;
}

export class LogEntryDetailView extends LogEntryView {
  @ApiPropertyOptional({
    description: 'The request body (redacted); a string ending in a truncation marker when it was cut',
  })
  requestBody: unknown;

  @ApiPropertyOptional({ description: 'The response body, or a marker for a streamed one' })
  responseBody: unknown;
}

export class LogPageView {
  @ApiProperty({ type: [LogEntryView] })
  entries: LogEntryView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next (older) page; null on the last page',
  })
  nextCursor: string | null;
}
