import { All } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ScimError } from '../scim/errors/scim-error';
import { ScimController } from '../scim-api/scim-endpoint.decorator';

/** RFC 7644 §3.11 /Me: scimd's clients are IdPs, not end users, so there is no "me". */
@ScimController('Me', 'SCIM discovery')
export class MeController {
  @All()
  @ApiOperation({ summary: 'Not implemented: the caller is an IdP, not a user (501)' })
  me(): never {
    throw new ScimError(
      501,
      undefined,
      '/Me is not supported: the authenticated subject is an identity provider, not a user',
    );
  }
}
