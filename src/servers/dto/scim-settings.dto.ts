import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ScimSettingsDto {
  @ApiPropertyOptional({ enum: [200, 204], default: 200, description: 'PATCH success: 200 with the resource, or 204 No Content' })
  @IsOptional()
  @IsIn([200, 204], { message: 'patchStatus must be 200 or 204' })
  patchStatus?: 200 | 204;
}
