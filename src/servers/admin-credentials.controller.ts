import { Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { CredentialView, IssuedCredentialView } from './dto/server.view';
import { ServerIdPipe } from './server-id.pipe';
import { ServersService } from './servers.service';

@AdminController('servers/:id/credentials', 'identity servers')
export class AdminCredentialsController {
  constructor(private readonly servers: ServersService) {}

  @Post()
  @ApiOperation({ summary: 'Issue another credential (rotation: several may be active at once)' })
  @ApiCreatedResponse({ type: IssuedCredentialView })
  @ApiNotFoundResponse()
  issue(@Param('id', ServerIdPipe) id: string): Promise<IssuedCredentialView> {
    return this.servers.issueCredential(id);
  }

  @Get()
  @ApiOperation({ summary: 'List credentials (never their secrets)' })
  @ApiOkResponse({ type: [CredentialView] })
  list(@Param('id', ServerIdPipe) id: string): Promise<CredentialView[]> {
    return this.servers.listCredentials(id);
  }

  @Delete(':credentialId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a credential: it stops working at once' })
  @ApiNotFoundResponse()
  async revoke(
    @Param('id', ServerIdPipe) id: string,
    @Param('credentialId', ServerIdPipe) credentialId: string,
  ): Promise<void> {
    await this.servers.revokeCredential(id, credentialId);
  }
}
