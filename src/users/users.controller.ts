import { Body, Delete, Get, HttpCode, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { listResponse, ListResponse } from '../scim/messages/list-response';
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
import { Conditions, ScimContext } from '../tenancy/scim-context';
import { UsersService } from './users.service';

@ScimController('Users', 'SCIM Users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a User (RFC 7644 §3.3)' })
  @ApiBody({
    schema: {
      type: 'object',
      example: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'jdoe@example.com', active: true },
    },
  })
  @ApiResponse({ status: 201, description: 'The created User' })
  async create(
    @Scim() ctx: ScimContext,
    @CreateConditions('users') conditions: Conditions,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendResource(reply, await this.users.create(ctx, body, conditions), true);
  }

  @Get()
  @ApiOperation({ summary: 'List Users: filter, sortBy/sortOrder, startIndex/count, attributes (RFC 7644 §3.4.2)' })
  async list(@Scim() ctx: ScimContext, @ListRequest('users') query: ListQuery): Promise<ListResponse<unknown>> {
    return listResponse(await this.users.list(ctx, query));
  }

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search Users with a SearchRequest body (RFC 7644 §3.4.3)' })
  async search(@Scim() ctx: ScimContext, @SearchRequest('users') query: ListQuery): Promise<ListResponse<unknown>> {
    return listResponse(await this.users.list(ctx, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a User (If-None-Match → 304)' })
  async get(
    @Scim() ctx: ScimContext,
    @Target({ of: 'users' }) { id, conditions }: ResourceTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const response = await this.users.get(ctx, id, conditions);
    return notModified(reply, response) ? undefined : sendResource(reply, response);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a User (RFC 7644 §3.5.1; If-Match honoured)' })
  async replace(
    @Scim() ctx: ScimContext,
    @Target({ of: 'users', ifMatch: true }) { id, conditions }: ResourceTarget,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendResource(reply, await this.users.replace(ctx, id, body, conditions));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Modify a User with PatchOp operations (RFC 7644 §3.5.2; If-Match honoured)' })
  async patch(
    @Scim() ctx: ScimContext,
    @Target({ of: 'users', ifMatch: true }) { id, conditions }: ResourceTarget,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendPatched(reply, await this.users.patch(ctx, id, body, conditions), ctx.tenant.scim.patchStatus);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a User and its memberships (If-Match honoured)' })
  async delete(@Scim() ctx: ScimContext, @Target({ ifMatch: true }) { id, conditions }: ResourceTarget): Promise<void> {
    await this.users.delete(ctx, id, conditions);
  }
}
