import { PartialType } from '@nestjs/swagger';
import { CreateServerDto } from './create-server.dto';

/** Every field optional; changing `security.method` revokes the server's existing credentials. */
export class UpdateServerDto extends PartialType(CreateServerDto) {}
