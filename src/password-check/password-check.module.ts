import { Module } from '@nestjs/common';
import { ServersModule } from '../servers/servers.module';
import { AdminAuthenticateController } from './admin-authenticate.controller';
import { PasswordCheckService } from './password-check.service';

@Module({
  imports: [ServersModule],
  controllers: [AdminAuthenticateController],
  providers: [PasswordCheckService],
})
export class PasswordCheckModule {}
