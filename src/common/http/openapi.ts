import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ADMIN_SECURITY } from '../../admin/admin-endpoint.decorator';
import { OAUTH_CLIENT_SECURITY } from '../../oauth/oauth-openapi';
import { SCIM_BEARER_SECURITY } from '../../scim-api/scim-endpoint.decorator';

/** The OpenAPI explorer at /docs (JSON at /docs-json): admin, SCIM and OAuth endpoints with their security. */
export function setupOpenApi(app: INestApplication, publicUrl: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('scimd')
      .setDescription(
        'Multi-tenant SCIM 2.0 service provider. `/admin` is the administration API (admin token). ' +
          "`/scim/v2/{serverId}` is each identity server's SCIM endpoint, authenticated by that server's own security method. " +
          '`/oauth/{serverId}` is the OAuth 2.0 authorization server of each server with the oauth2 method (token endpoint and approval page).',
      )
      .setVersion('0.1.0')
      .addServer(publicUrl)
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'opaque',
          description: 'The admin token (ADMIN_TOKEN or the generated one)',
        },
        ADMIN_SECURITY,
      )
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A credential issued for the identity server',
        },
        SCIM_BEARER_SECURITY,
      )
      .addBasicAuth(
        {
          type: 'http',
          scheme: 'basic',
          description: 'client_secret_basic: the client id (the server id) and a client secret',
        },
        OAUTH_CLIENT_SECURITY,
      )
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
