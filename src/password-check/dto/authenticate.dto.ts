import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, Length } from 'class-validator';

/** POST /admin/servers/:id/authenticate. */
export class AuthenticateDto {
  @ApiProperty({ example: 'jdoe@example.com', description: 'Matched case-insensitively, as SCIM userName is' })
  @Length(1, 1024)
  @IsString()
  @IsDefined({ message: 'userName is required' })
  userName: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @Length(1, 1024)
  @IsString()
  @IsDefined({ message: 'password is required' })
  password: string;
}

/** The user whose password was right. */
export class AuthenticatedUserView {
  @ApiProperty() id: string;
  @ApiProperty() userName: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The effective role (null without role mapping)' }) role:
    string | null;
}
