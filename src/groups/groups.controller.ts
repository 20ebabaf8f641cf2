import { Body, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { listResponse, ListResponse } from '../scim/messages/list-response';
import { CurrentServer } from '../scim-http/current-server.decorator';
import { parsePaging, refuseFilter } from '../scim-http/paging';
import { setResourceHeaders } from '../scim-http/resource-headers';
import { ResourceIdPipe } from '../scim-http/resource-id.pipe';
import { ScimController } from '../scim-http/scim-endpoint.decorator';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { ScimGroup } from './mappers/group.mapper';
import { GroupsService } from './groups.service';

@ScimController('Groups', 'SCIM Groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a Group (RFC 7644 §3.3)' })
  @ApiBody({ schema: { type: 'object', example: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: [] } } })
  @ApiResponse({ status: 201, description: 'The created User' })
  async create(@CurrentServer() server: IdentityServerEntity, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<ScimGroup> {
    const group = await this.groups.create(server.id, body);
    setResourceHeaders(reply, group, true);
    return group;
  }

  @Get()
  @ApiOperation({ summary: 'List Groups (RFC 7644 §3.4.2), paged by startIndex and count' })
  list(@CurrentServer() server: IdentityServerEntity, @Query() query: Record<string, unknown>): Promise<ListResponse<ScimGroup>> {
    refuseFilter(query);
    return this.groups.list(server.id, parsePaging(query)).then(listResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a Group' })
  async get(@CurrentServer() server: IdentityServerEntity, @Param('id', ResourceIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ScimGroup> {
    const group = await this.groups.get(server.id, id);
    setResourceHeaders(reply, group);
    return group;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a Group with its memberships' })
  async delete(@CurrentServer() server: IdentityServerEntity, @Param('id', ResourceIdPipe) id: string): Promise<void> {
    await this.groups.delete(server.id, id);
  }
}
