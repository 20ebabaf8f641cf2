import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { ServerIdPipe } from '../servers/server-id.pipe';
import { AuthenticatedUserView, AuthenticateDto } from './dto/authenticate.dto';
import { PasswordCheckService } from './password-check.service';

@AdminController('servers/:id/authenticate', 'password check')
export class AdminAuthenticateController {
  constructor(private readonly passwords: PasswordCheckService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Check a password an IdP pushed: 200 with the user and its role, 401 for a wrong or missing password or an inactive user',
  })
  @ApiOkResponse({ type: AuthenticatedUserView })
  @ApiResponse({ status: 401, description: 'Wrong or missing password, unknown or inactive user (one answer for all)' })
  @ApiResponse({ status: 429, description: 'Too many failures for this user: Retry-After' })
  @ApiNotFoundResponse()
  authenticate(@Param('id', ServerIdPipe) id: string, @Body() dto: AuthenticateDto): Promise<AuthenticatedUserView> {
    return this.passwords.authenticate(id, dto.userName, dto.password);
  }
}
