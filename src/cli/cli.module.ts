import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { RequestLogsModule } from '../audit-log/request-logs.module';
import { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/config.module';
import { CustomAttributesModule } from '../custom-attributes/custom-attributes.module';
import { RoleMappingModule } from '../role-mapping/role-mapping.module';
import { DatabaseModule } from '../database/database.module';
import { ServersModule } from '../servers/servers.module';
import { SystemModule } from '../system/system.module';
import { SelfTestModule } from '../self-test/self-test.module';

/** What the CLI needs: the same config, database and services as the server, without HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        SystemModule,
        AdminModule,
        ServersModule,
        RequestLogsModule,
        CustomAttributesModule,
        RoleMappingModule,
        SelfTestModule,
      ],
    };
  }
}
