import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { DeclaredLength, Scim } from '../scim-api/scim-context.decorator';
import { ScimController } from '../scim-api/scim-endpoint.decorator';
import { parseBulkRequest, payloadSizeOf } from './bulk-request';
import { BulkResponse } from './bulk-response';
import { BulkService } from './bulk.service';
import { ScimContext } from '../tenancy/scim-context';

const EXAMPLE = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
  failOnErrors: 1,
  Operations: [
    {
      method: 'POST',
      path: '/Users',
      bulkId: 'alice',
      data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'alice@example.com' },
    },
    {
      method: 'POST',
      path: '/Groups',
      bulkId: 'guides',
      data: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Tour Guides',
        members: [{ value: 'bulkId:alice' }],
      },
    },
  ],
};

@ScimController('Bulk', 'SCIM Bulk')
export class BulkController {
  constructor(private readonly bulk: BulkService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run many Users/Groups operations in one request, with bulkId references and failOnErrors (RFC 7644 §3.7)',
  })
  @ApiBody({ schema: { type: 'object', example: EXAMPLE } })
  @ApiResponse({ status: 200, description: 'A BulkResponse: one outcome per processed operation, in request order' })
  @ApiResponse({ status: 413, description: 'More than maxOperations operations, or a body larger than maxPayloadSize' })
  async run(
    @Scim() ctx: ScimContext,
    @Body() body: unknown,
    @DeclaredLength() declaredLength: string | undefined,
  ): Promise<BulkResponse> {
    const bulk = parseBulkRequest(body, payloadSizeOf(declaredLength, body));
    return this.bulk.process(ctx, bulk);
  }
}
