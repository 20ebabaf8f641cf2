import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { InjectConfig, AppConfig } from '../config/config.module';
import { ScimError } from '../scim/errors/scim-error';
import { listOf, ListResponse } from '../scim/messages/list-response';
import {
  findResourceType,
  findSchema,
  resourceTypeResource,
  ResourceTypeResource,
  schemaResource,
  SchemaResource,
  serviceProviderConfig,
  ServiceProviderConfigDocument,
} from '../scim/schemas';
import { CurrentServer } from '../scim-api/current-server.decorator';
import { ScimController } from '../scim-api/scim-endpoint.decorator';
import { IdentityServerEntity } from '../servers/entities/identity-server.entity';
import { scimUrlOf } from '../servers/mappers/server.mapper';
import { serverSchemasOf } from '../custom-attributes/server-schemas';
import { capabilitiesOf } from './capabilities';

/** RFC 7644 §4: what this identity server's SCIM endpoint supports. */
@ScimController('', 'SCIM discovery')
export class DiscoveryController {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  @Get('ServiceProviderConfig')
  @ApiOperation({ summary: 'Service provider configuration (RFC 7643 §5)' })
  serviceProviderConfig(@CurrentServer() server: IdentityServerEntity): ServiceProviderConfigDocument {
    return serviceProviderConfig(capabilitiesOf(server, this.config.bodyLimit), this.baseUrl(server));
  }

  @Get('Schemas')
  @ApiOperation({ summary: 'Schemas (RFC 7643 §7)' })
  schemas(@CurrentServer() server: IdentityServerEntity): ListResponse<SchemaResource> {
    return listOf(serverSchemasOf(server).definitions.map((s) => schemaResource(s, this.baseUrl(server))));
  }

  @Get('Schemas/:urn')
  @ApiOperation({ summary: 'One schema by its URN' })
  schema(@CurrentServer() server: IdentityServerEntity, @Param('urn') urn: string): SchemaResource {
    const schema = findSchema(serverSchemasOf(server).definitions, urn);
    if (!schema) throw ScimError.notFound(`No schema ${urn}`);
    return schemaResource(schema, this.baseUrl(server));
  }

  @Get('ResourceTypes')
  @ApiOperation({ summary: 'Resource types (RFC 7643 §6)' })
  resourceTypes(@CurrentServer() server: IdentityServerEntity): ListResponse<ResourceTypeResource> {
    return listOf(serverSchemasOf(server).resourceTypes.map((r) => resourceTypeResource(r, this.baseUrl(server))));
  }

  @Get('ResourceTypes/:name')
  @ApiOperation({ summary: 'One resource type by name' })
  resourceType(@CurrentServer() server: IdentityServerEntity, @Param('name') name: string): ResourceTypeResource {
    const type = findResourceType(serverSchemasOf(server).resourceTypes, name);
    if (!type) throw ScimError.notFound(`No resource type ${name}`);
    return resourceTypeResource(type, this.baseUrl(server));
  }

  private baseUrl(server: IdentityServerEntity): string {
    return scimUrlOf(this.config.publicUrl, server.id);
  }
}
