import { Body, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { listResponse, ListResponse } from '../scim/messages/list-response';
import { serverSchemasOf } from '../custom-attributes/server-schemas';
import { CurrentServer, RequestLeniency } from '../scim-api/current-server.decorator';
import { Leniency } from '../scim/compat/leniency';
import { listQueryFromSearch, listQueryFromUrl, projectionFromUrl } from '../scim/query/list-query';
import { ifMatchOf, notModified } from '../scim-api/request-headers';
import { ResourceIdPipe } from '../scim-api/resource-id.pipe';
import { sendPatched, sendResource } from '../scim-api/send-resource';
import { scimSettingsOf } from '../servers/scim-settings';
import { ScimController } from '../scim-api/scim-endpoint.decorator';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { UsersService } from './users.service';

type QueryParams = Record<string, unknown>;

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
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Body() body: unknown,
    @Query() query: QueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendResource(
      reply,
      await this.users.create(
        server.id,
        body,
        projectionFromUrl(query, serverSchemasOf(server).users, leniency),
        leniency,
      ),
      true,
    );
  }

  @Get()
  @ApiOperation({ summary: 'List Users: filter, sortBy/sortOrder, startIndex/count, attributes (RFC 7644 §3.4.2)' })
  async list(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Query() query: QueryParams,
  ): Promise<ListResponse<unknown>> {
    return listResponse(
      await this.users.list(server.id, listQueryFromUrl(query, serverSchemasOf(server).users, leniency)),
    );
  }

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search Users with a SearchRequest body (RFC 7644 §3.4.3)' })
  async search(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Body() body: unknown,
  ): Promise<ListResponse<unknown>> {
    return listResponse(
      await this.users.list(server.id, listQueryFromSearch(body, serverSchemasOf(server).users, leniency)),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a User (If-None-Match → 304)' })
  async get(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: QueryParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const response = await this.users.get(
      server.id,
      id,
      projectionFromUrl(query, serverSchemasOf(server).users, leniency),
    );
    return notModified(request, reply, response) ? undefined : sendResource(reply, response);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a User (RFC 7644 §3.5.1; If-Match honoured)' })
  async replace(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: unknown,
    @Query() query: QueryParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendResource(
      reply,
      await this.users.replace(
        server.id,
        id,
        body,
        ifMatchOf(request),
        projectionFromUrl(query, serverSchemasOf(server).users, leniency),
        leniency,
      ),
    );
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Modify a User with PatchOp operations (RFC 7644 §3.5.2; If-Match honoured)' })
  async patch(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: unknown,
    @Query() query: QueryParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const response = await this.users.patch(
      server.id,
      id,
      body,
      ifMatchOf(request),
      projectionFromUrl(query, serverSchemasOf(server).users, leniency),
      leniency,
    );
    return sendPatched(reply, response, scimSettingsOf(server.scimSettings).patchStatus);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a User and its memberships (If-Match honoured)' })
  async delete(
    @CurrentServer() server: IdentityServerEntity,
    @Param('id', ResourceIdPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.users.delete(server.id, id, ifMatchOf(request));
  }
}
