import { Body, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ListResponse } from '../scim/messages/list-response';
import { sendList } from '../scim-api/streamed-list';
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
import { GroupsService } from './groups.service';
import { MemberPolicy } from './group-members.service';

/** The request's leniency and the server's member settings (`unknownMembers`, `memberDisplay`), for member writes. */
function memberPolicy(server: IdentityServerEntity, leniency: Leniency): MemberPolicy {
  const { unknownMembers, memberDisplay } = scimSettingsOf(server.scimSettings);
  return { leniency, unknownMembers, memberDisplay };
}

type QueryParams = Record<string, unknown>;

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
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Body() body: unknown,
    @Query() query: QueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendResource(
      reply,
      await this.groups.create(
        server.id,
        body,
        projectionFromUrl(query, serverSchemasOf(server).groups, leniency),
        memberPolicy(server, leniency),
      ),
      true,
    );
  }

  @Get()
  @ApiOperation({ summary: 'List Groups: filter, sortBy/sortOrder, startIndex/count, attributes (RFC 7644 §3.4.2)' })
  async list(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Query() query: QueryParams,
  ): Promise<ListResponse<unknown> | StreamableFile> {
    return sendList(
      await this.groups.list(server.id, listQueryFromUrl(query, serverSchemasOf(server).groups, leniency)),
    );
  }

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search Groups with a SearchRequest body (RFC 7644 §3.4.3)' })
  async search(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Body() body: unknown,
  ): Promise<ListResponse<unknown> | StreamableFile> {
    return sendList(
      await this.groups.list(server.id, listQueryFromSearch(body, serverSchemasOf(server).groups, leniency)),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a Group; members are streamed in batches (If-None-Match → 304)' })
  async get(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Param('id', ResourceIdPipe) id: string,
    @Query() query: QueryParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const response = await this.groups.get(
      server.id,
      id,
      projectionFromUrl(query, serverSchemasOf(server).groups, leniency),
    );
    if (notModified(request, reply, response)) return undefined;
    return sendResource(reply, response);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a Group (RFC 7644 §3.5.1; If-Match honoured)' })
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
      await this.groups.replace(
        server.id,
        id,
        body,
        ifMatchOf(request),
        projectionFromUrl(query, serverSchemasOf(server).groups, leniency),
        memberPolicy(server, leniency),
      ),
    );
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Modify a Group with PatchOp operations (RFC 7644 §3.5.2; If-Match honoured)' })
  async patch(
    @CurrentServer() server: IdentityServerEntity,
    @RequestLeniency() leniency: Leniency,
    @Param('id', ResourceIdPipe) id: string,
    @Body() body: unknown,
    @Query() query: QueryParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const response = await this.groups.patch(
      server.id,
      id,
      body,
      ifMatchOf(request),
      projectionFromUrl(query, serverSchemasOf(server).groups, leniency),
      memberPolicy(server, leniency),
    );
    return sendPatched(reply, response, scimSettingsOf(server.scimSettings).patchStatus);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a Group with its memberships (If-Match honoured)' })
  async delete(
    @CurrentServer() server: IdentityServerEntity,
    @Param('id', ResourceIdPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.groups.delete(server.id, id, ifMatchOf(request));
  }
}
