import { Body, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { ServerIdPipe } from '../servers/server-id.pipe';
import { RoleMappingView } from './dto/role-mapping.view';
import { RoleMappingService } from './role-mapping.service';

@AdminController('servers/:id/role-mapping', 'role mapping')
export class AdminRoleMappingController {
  constructor(private readonly roles: RoleMappingService) {}

  @Get()
  @ApiOperation({ summary: "The server's roles, rules, users per role and unmatched source values" })
  @ApiOkResponse({ type: RoleMappingView })
  @ApiNotFoundResponse()
  get(@Param('id', ServerIdPipe) id: string): Promise<RoleMappingView> {
    return this.roles.get(id);
  }

  @Put()
  @ApiOperation({
    summary: "Replace the role mapping; every user's effective role is recomputed in the same transaction",
  })
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        roles: ['admin', 'editor', 'viewer'],
        defaultRole: 'viewer',
        rules: [
          { source: 'attribute', attribute: 'secodaRole', value: 'Admin', role: 'admin' },
          { source: 'entraRole', value: 'Editor', role: 'editor' },
          { source: 'group', match: 'displayName', value: 'Secoda Admins', role: 'admin', nested: true },
        ],
        entraRolesAddReplaces: true,
      },
    },
  })
  @ApiOkResponse({ type: RoleMappingView })
  @ApiBadRequestResponse({ description: 'A malformed rule, an unknown role or attribute' })
  @ApiNotFoundResponse()
  replace(@Param('id', ServerIdPipe) id: string, @Body() body: unknown): Promise<RoleMappingView> {
    return this.roles.replace(id, body);
  }

  @Get('users/:userId')
  @ApiOperation({ summary: "One user's effective role: {id, userName, active, role}" })
  @ApiNotFoundResponse()
  userRole(
    @Param('id', ServerIdPipe) id: string,
    @Param('userId', ServerIdPipe) userId: string,
  ): Promise<{ id: string; userName: string; active: boolean; role: string | null }> {
    return this.roles.userRole(id, userId);
  }

  @Delete('unmatched')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset the unmatched-value counts' })
  async clearUnmatched(@Param('id', ServerIdPipe) id: string): Promise<void> {
    await this.roles.clearUnmatched(id);
  }
}
