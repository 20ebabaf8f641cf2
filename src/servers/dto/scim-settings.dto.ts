import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class ScimSettingsDto {
  @ApiPropertyOptional({
    enum: [200, 204],
    default: 200,
    description: 'PATCH success (Users and Groups): 200 with the resource, or 204 No Content',
  })
  @IsOptional()
  @IsIn([200, 204], { message: 'patchStatus must be 200 or 204' })
  patchStatus?: 200 | 204;

  @ApiPropertyOptional({
    default: false,
    description:
      'RFC 7643/7644 to the letter: refuse the IdP dialects scimd otherwise tolerates ("True" strings, bare ids, unquoted filter values, /users…); see docs/compatibility.md',
  })
  @IsOptional()
  @IsBoolean({ message: 'strict must be true or false' })
  strict?: boolean;

  @ApiPropertyOptional({
    enum: ['reject', 'ignore'],
    default: 'reject',
    description:
      'A group member that is no User or Group of this server: 400 invalidValue (reject), or dropped and counted (ignore)',
  })
  @IsOptional()
  @IsIn(['reject', 'ignore'], { message: 'unknownMembers must be "reject" or "ignore"' })
  unknownMembers?: 'reject' | 'ignore';

  @ApiPropertyOptional({
    enum: ['resource', 'as-sent'],
    default: 'resource',
    description:
      "A group member's display in answers: the member's own name (resource), or the display the client sent with it (as-sent)",
  })
  @IsOptional()
  @IsIn(['resource', 'as-sent'], { message: 'memberDisplay must be "resource" or "as-sent"' })
  memberDisplay?: 'resource' | 'as-sent';
}
