import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { CreateServerDto } from './dto/create-server.dto';
import { CreatedServerView, ServerView } from './dto/server.view';
import { UpdateServerDto } from './dto/update-server.dto';
import { ServerIdPipe } from './server-id.pipe';
import { ServersService } from './servers.service';

@AdminController('servers', 'identity servers')
export class AdminServersController {
  constructor(private readonly servers: ServersService) {}

  @Post()
  @ApiOperation({ summary: 'Create an identity server; its first credential is returned once' })
  @ApiCreatedResponse({ type: CreatedServerView })
  @ApiBadRequestResponse({ description: 'Invalid body' })
  @ApiConflictResponse({ description: 'Name already taken' })
  create(@Body() dto: CreateServerDto): Promise<CreatedServerView> {
    return this.servers.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: [ServerView] })
  list(): Promise<ServerView[]> {
    return this.servers.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: ServerView })
  @ApiNotFoundResponse()
  get(@Param('id', ServerIdPipe) id: string): Promise<ServerView> {
    return this.servers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a server; a new security method revokes the old credentials and returns a new one' })
  @ApiOkResponse({ type: CreatedServerView })
  @ApiNotFoundResponse()
  update(@Param('id', ServerIdPipe) id: string, @Body() dto: UpdateServerDto): Promise<CreatedServerView> {
    return this.servers.update(id, dto);
  }

  @Post(':id/approval-secret')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'oauth2: a new approval secret (returned once) with which the approval page can be approved instead of the admin token',
  })
  @ApiBadRequestResponse({ description: 'The server does not use oauth2' })
  approvalSecret(@Param('id', ServerIdPipe) id: string): Promise<{ approvalSecret: string; authorizationUrl: string }> {
    return this.servers.issueApprovalSecret(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a server with its credentials, users, groups and logs' })
  @ApiNotFoundResponse()
  async delete(@Param('id', ServerIdPipe) id: string): Promise<void> {
    await this.servers.delete(id);
  }
}
