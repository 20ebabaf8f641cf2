import { Body, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ListResponse } from '../scim/messages/list-response';
import { sendList } from '../scim-api/streamed-list';
import { Scim } from '../scim-api/scim-context.decorator';
import { ScimController } from '../scim-api/scim-endpoint.decorator';
import { ScimContext } from '../tenancy/scim-context';
import { RootSearchService } from './root-search.service';

@ScimController('', 'SCIM discovery')
export class RootSearchController {
  constructor(private readonly search: RootSearchService) {}

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search Users and Groups together with a SearchRequest (RFC 7644 §3.4.3)' })
  async run(@Scim() ctx: ScimContext, @Body() body: unknown): Promise<ListResponse<unknown> | StreamableFile> {
    return sendList(await this.search.search(ctx, body));
  }
}
