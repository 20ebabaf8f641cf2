import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ADMIN_SECURITY } from '../../admin/admin-endpoint.decorator';
import { SCIM_BEARER_SECURITY } from '../../scim-http/scim-endpoint.decorator';

/** The OpenAPI explorer at /docs (JSON at /docs-json): admin and SCIM endpoints with their security. */
export function setupOpenApi(app: INestApplication, publicUrl: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('scimd')
      .setDescription(
        'Multi-tenant SCIM 2.0 service provider. `/admin` is the administration API (admin token). ' +
          '`/scim/v2/{serverId}` is each identity server\'s SCIM endpoint, authenticated by that server\'s own security method.',
      )
      .setVersion('0.1.0')
      .addServer(publicUrl)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'The admin token (ADMIN_TOKEN or the generated one)' }, ADMIN_SECURITY)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A credential issued for the identity server' }, SCIM_BEARER_SECURITY)
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
