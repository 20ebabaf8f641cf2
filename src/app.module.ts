import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Logger } from 'pino';
import { AdminModule } from './admin/admin.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { AuthModule } from './auth/auth.module';
import { BulkModule } from './bulk/bulk.module';
import { loggerParams, ROOT_LOGGER } from './common/logging/logger-params';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { CustomAttributesModule } from './custom-attributes/custom-attributes.module';
import { RoleMappingModule } from './role-mapping/role-mapping.module';
import { PasswordCheckModule } from './password-check/password-check.module';
import { SelfTestModule } from './self-test/self-test.module';
import { DatabaseModule } from './database/database.module';
import { DiscoveryModule } from './discovery/discovery.module';
import { GroupsModule } from './groups/groups.module';
import { HealthModule } from './health/health.module';
import { SearchModule } from './search/search.module';
import { ShutdownGate } from './common/http/shutdown-gate';
import { ServersModule } from './servers/servers.module';
import { SystemModule } from './system/system.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(logger)),
        DatabaseModule.forRoot(),
        SystemModule,
        AdminModule,
        ServersModule,
        CustomAttributesModule,
        RoleMappingModule,
        PasswordCheckModule,
        SelfTestModule,
        AuthModule,
        UsersModule,
        GroupsModule,
        BulkModule,
        SearchModule,
        DiscoveryModule,
        AuditLogModule,
        HealthModule,
      ],
      providers: [ShutdownGate, { provide: ROOT_LOGGER, useValue: logger }],
    };
  }
}
