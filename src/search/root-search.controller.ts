import { Body, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ListResponse } from '../scim/messages/list-response';
import { sendList } from '../scim-api/streamed-list';
import { CurrentServer } from '../scim-api/current-server.decorator';
import { ScimController } from '../scim-api/scim-endpoint.decorator';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { RootSearchService } from './root-search.service';

@ScimController('', 'SCIM discovery')
export class RootSearchController {
  constructor(private readonly search: RootSearchService) {}

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search Users and Groups together with a SearchRequest (RFC 7644 §3.4.3)' })
  async run(
    @CurrentServer() server: IdentityServerEntity,
    @Body() body: unknown,
  ): Promise<ListResponse<unknown> | StreamableFile> {
    return sendList(await this.search.search(server.id, body));
  }
}
