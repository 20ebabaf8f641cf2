import { Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { CompatibilityCounters } from './compatibility-counters';
import { CompatibilityView } from './dto/compatibility.view';
import { ServerIdPipe } from './server-id.pipe';
import { ServersService } from './servers.service';

@AdminController('servers/:id/compatibility', 'identity servers')
export class AdminCompatibilityController {
  constructor(
    private readonly servers: ServersService,
    private readonly counters: CompatibilityCounters,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Which IdP dialect departures this server's clients trigger: counts per kind, normalised (lenient) or refused (strict)",
  })
  @ApiOkResponse({ type: CompatibilityView })
  @ApiNotFoundResponse()
  async get(@Param('id', ServerIdPipe) id: string): Promise<CompatibilityView> {
    const { scim } = await this.servers.get(id);
    return { strict: scim.strict ?? false, ...(await this.counters.view(id)) };
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset the compatibility counters (e.g. after changing the IdP mapping)' })
  @ApiNotFoundResponse()
  async reset(@Param('id', ServerIdPipe) id: string): Promise<void> {
    await this.servers.get(id);
    await this.counters.clear(id);
  }
}
