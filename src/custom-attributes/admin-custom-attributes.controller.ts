import { Body, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../admin/admin-endpoint.decorator';
import { ServerIdPipe } from '../servers/server-id.pipe';
import { CustomAttributesService } from './custom-attributes.service';
import { SchemaSettingsView } from './dto/schema-settings.view';

@AdminController('servers/:id/attributes', 'custom attributes')
export class AdminCustomAttributesController {
  constructor(private readonly attributes: CustomAttributesService) {}

  @Get()
  @ApiOperation({ summary: "The server's custom attributes, unknown-attribute policy and ignored-attribute counts" })
  @ApiOkResponse({ type: SchemaSettingsView })
  @ApiNotFoundResponse()
  get(@Param('id', ServerIdPipe) id: string): Promise<SchemaSettingsView> {
    return this.attributes.get(id);
  }

  @Put()
  @ApiOperation({ summary: 'Replace the custom attributes and the unknown-attribute policy (ignore, reject, store)' })
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        unknownAttributes: 'ignore',
        attributes: [
          {
            resourceType: 'User',
            schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
            name: 'secodaRole',
            canonicalValues: ['Admin', 'Editor', 'Viewer'],
          },
        ],
      },
    },
  })
  @ApiOkResponse({ type: SchemaSettingsView })
  @ApiBadRequestResponse({ description: 'A malformed or clashing declaration' })
  @ApiNotFoundResponse()
  replace(@Param('id', ServerIdPipe) id: string, @Body() body: unknown): Promise<SchemaSettingsView> {
    return this.attributes.replace(id, body);
  }

  @Delete('ignored')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset the ignored-attribute counts' })
  async clearIgnored(@Param('id', ServerIdPipe) id: string): Promise<void> {
    await this.attributes.clearIgnored(id);
  }
}
