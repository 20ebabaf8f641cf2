import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { ServerIdPipe } from '../servers/server-id.pipe';
import { SelfTestOptionsDto } from './dto/self-test-options.dto';
import { SelfTestReportView } from './dto/self-test-report.view';
import { SelfTestService } from './self-test.service';

@AdminController('servers/:id/self-test', 'identity servers')
export class AdminSelfTestController {
  constructor(private readonly selfTest: SelfTestService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Run the self-test: Entra's and Okta's connection tests and a create/deactivate/group/delete cycle over HTTP against the server's own SCIM URL",
    description:
      'Always 200 with the report (ok false when a step failed); the throw-away user and group are removed even when a step fails.',
  })
  @ApiBody({ type: SelfTestOptionsDto, required: false })
  @ApiOkResponse({ type: SelfTestReportView })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A self-test of this server is already running.' })
  run(@Param('id', ServerIdPipe) id: string, @Body() options: SelfTestOptionsDto = {}): Promise<SelfTestReportView> {
    return this.selfTest.run(id, options?.stepTimeoutMs);
  }
}
