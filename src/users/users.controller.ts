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
import { ScimUser } from './mappers/user.mapper';
import { UsersService } from './users.service';

@ScimController('Users', 'SCIM Users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a User (RFC 7644 §3.3)' })
  @ApiBody({ schema: { type: 'object', example: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'jdoe@example.com', active: true } } })
  @ApiResponse({ status: 201, description: 'The created User' })
  async create(@CurrentServer() server: IdentityServerEntity, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<ScimUser> {
    const user = await this.users.create(server.id, body);
    setResourceHeaders(reply, user, true);
    return user;
  }

  @Get()
  @ApiOperation({ summary: 'List Users (RFC 7644 §3.4.2), paged by startIndex and count' })
  list(@CurrentServer() server: IdentityServerEntity, @Query() query: Record<string, unknown>): Promise<ListResponse<ScimUser>> {
    refuseFilter(query);
    return this.users.list(server.id, parsePaging(query)).then(listResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a User' })
  async get(@CurrentServer() server: IdentityServerEntity, @Param('id', ResourceIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ScimUser> {
    const user = await this.users.get(server.id, id);
    setResourceHeaders(reply, user);
    return user;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a User and its memberships' })
  async delete(@CurrentServer() server: IdentityServerEntity, @Param('id', ResourceIdPipe) id: string): Promise<void> {
    await this.users.delete(server.id, id);
  }
}
