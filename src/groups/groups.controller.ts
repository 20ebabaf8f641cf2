import { Body, Delete, Get, HttpCode, Patch, Post, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ListResponse } from '../scim/messages/list-response';
import { ListQuery } from '../scim/query/list-query';
import { notModified } from '../scim-api/request-headers';
import {
  CreateConditions,
  ListRequest,
  ResourceTarget,
  Scim,
  SearchRequest,
  Target,
} from '../scim-api/scim-context.decorator';
import { ScimController } from '../scim-api/scim-endpoint.decorator';
import { sendPatched, sendResource } from '../scim-api/send-resource';
import { sendList } from '../scim-api/streamed-list';
import { Conditions, ScimContext } from '../tenancy/scim-context';
import { GroupsService } from './groups.service';

@ScimController('Groups', 'SCIM Groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a Group (RFC 7644 §3.3)' })
  @ApiBody({
    schema: {
      type: 'object',
      example: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: [] },
    },
  })
  @ApiResponse({ status: 201, description: 'The created Group' })
  async create(
    @Scim() ctx: ScimContext,
    @CreateConditions('groups') conditions: Conditions,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendResource(reply, await this.groups.create(ctx, body, conditions), true);
  }

  @Get()
  @ApiOperation({ summary: 'List Groups: filter, sortBy/sortOrder, startIndex/count, attributes (RFC 7644 §3.4.2)' })
  async list(
    @Scim() ctx: ScimContext,
    @ListRequest('groups') query: ListQuery,
  ): Promise<ListResponse<unknown> | StreamableFile> {
    return sendList(await this.groups.list(ctx, query));
  }

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search Groups with a SearchRequest body (RFC 7644 §3.4.3)' })
  async search(
    @Scim() ctx: ScimContext,
    @SearchRequest('groups') query: ListQuery,
  ): Promise<ListResponse<unknown> | StreamableFile> {
    return sendList(await this.groups.list(ctx, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a Group; members are streamed in batches (If-None-Match → 304)' })
  async get(
    @Scim() ctx: ScimContext,
    @Target({ of: 'groups' }) { id, conditions }: ResourceTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const response = await this.groups.get(ctx, id, conditions);
    return notModified(reply, response) ? undefined : sendResource(reply, response);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a Group (RFC 7644 §3.5.1; If-Match honoured)' })
  async replace(
    @Scim() ctx: ScimContext,
    @Target({ of: 'groups', ifMatch: true }) { id, conditions }: ResourceTarget,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendResource(reply, await this.groups.replace(ctx, id, body, conditions));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Modify a Group with PatchOp operations (RFC 7644 §3.5.2; If-Match honoured)' })
  async patch(
    @Scim() ctx: ScimContext,
    @Target({ of: 'groups', ifMatch: true }) { id, conditions }: ResourceTarget,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendPatched(reply, await this.groups.patch(ctx, id, body, conditions), ctx.tenant.scim.patchStatus);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a Group with its memberships (If-Match honoured)' })
  async delete(@Scim() ctx: ScimContext, @Target({ ifMatch: true }) { id, conditions }: ResourceTarget): Promise<void> {
    await this.groups.delete(ctx, id, conditions);
  }
}
