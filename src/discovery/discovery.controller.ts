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
import { Scim } from '../scim-api/scim-context.decorator';
import { ScimController } from '../scim-api/scim-endpoint.decorator';
import { scimUrlOf } from '../servers/mappers/server.mapper';
import { ScimContext } from '../tenancy/scim-context';
import { capabilitiesOf } from './capabilities';

/** RFC 7644 §4: what this identity server's SCIM endpoint supports. */
@ScimController('', 'SCIM discovery')
export class DiscoveryController {
  constructor(@InjectConfig() private readonly config: AppConfig) {}

  @Get('ServiceProviderConfig')
  @ApiOperation({ summary: 'Service provider configuration (RFC 7643 §5)' })
  serviceProviderConfig(@Scim() { tenant }: ScimContext): ServiceProviderConfigDocument {
    return serviceProviderConfig(capabilitiesOf(tenant, this.config.bodyLimit), this.baseUrl(tenant.id));
  }

  @Get('Schemas')
  @ApiOperation({ summary: 'Schemas (RFC 7643 §7)' })
  schemas(@Scim() { tenant }: ScimContext): ListResponse<SchemaResource> {
    return listOf(tenant.schemas.definitions.map((s) => schemaResource(s, this.baseUrl(tenant.id))));
  }

  @Get('Schemas/:urn')
  @ApiOperation({ summary: 'One schema by its URN' })
  schema(@Scim() { tenant }: ScimContext, @Param('urn') urn: string): SchemaResource {
    const schema = findSchema(tenant.schemas.definitions, urn);
    if (!schema) throw ScimError.notFound(`No schema ${urn}`);
    return schemaResource(schema, this.baseUrl(tenant.id));
  }

  @Get('ResourceTypes')
  @ApiOperation({ summary: 'Resource types (RFC 7643 §6)' })
  resourceTypes(@Scim() { tenant }: ScimContext): ListResponse<ResourceTypeResource> {
    return listOf(tenant.schemas.resourceTypes.map((r) => resourceTypeResource(r, this.baseUrl(tenant.id))));
  }

  @Get('ResourceTypes/:name')
  @ApiOperation({ summary: 'One resource type by name' })
  resourceType(@Scim() { tenant }: ScimContext, @Param('name') name: string): ResourceTypeResource {
    const type = findResourceType(tenant.schemas.resourceTypes, name);
    if (!type) throw ScimError.notFound(`No resource type ${name}`);
    return resourceTypeResource(type, this.baseUrl(tenant.id));
  }

  private baseUrl(serverId: string): string {
    return scimUrlOf(this.config.publicUrl, serverId);
  }
}
