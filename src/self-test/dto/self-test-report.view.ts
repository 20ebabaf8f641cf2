import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One request of a self-test run, as it went. */
export class SelfTestStepView {
  @ApiProperty({
    example: 'entra-test-connection',
    description: 'What the step checks (see docs/troubleshooting.md#self-test)',
  })
  name: string;

  @ApiProperty({ example: 'GET' })
  method: string;

  @ApiProperty({
    example: '/Users?filter=userName%20eq%20%22…%22',
    description: 'Path and query relative to the SCIM URL',
  })
  path: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The answer's status; null when there was none (timeout, connection refused) or the step was skipped",
  })
  status: number | null;

  @ApiProperty({ example: 200, description: 'The status a correct server answers' })
  expected: number;

  @ApiProperty()
  ok: boolean;

  @ApiPropertyOptional({ description: 'Not run because an earlier step of the cycle failed' })
  skipped?: boolean;

  @ApiPropertyOptional({
    description: 'A clean-up request, made because the cycle stopped before removing what it created',
  })
  cleanup?: boolean;

  @ApiProperty({ description: 'Milliseconds from sending the request to the end of the answer' })
  durationMs: number;

  @ApiPropertyOptional({ example: 'expected 201, got 400: userName is required', description: 'Why the step failed' })
  detail?: string;
}

/** The result of POST /admin/servers/:id/self-test. */
export class SelfTestReportView {
  @ApiProperty() serverId: string;

  @ApiProperty({ description: 'The SCIM URL the run called, as an IdP would' })
  scimUrl: string;

  @ApiProperty({ description: 'True when every step answered as a correct server must and nothing was left behind' })
  ok: boolean;

  @ApiProperty() startedAt: string;

  @ApiProperty() durationMs: number;

  @ApiProperty({ type: [SelfTestStepView] })
  steps: SelfTestStepView[];

  @ApiProperty({
    type: [String],
    description: 'Locations of throw-away resources the run could not remove (empty when all went well)',
  })
  leftBehind: string[];
}
