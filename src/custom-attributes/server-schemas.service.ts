import { Injectable } from '@nestjs/common';
import { ScimError } from '../scim/errors/scim-error';
import { ServerDirectory } from '../servers/server-directory';
import { ServerSchemas, serverSchemasOf } from './server-schemas';

/** A server's schemas by id, from the cached ServerDirectory (no query while its entry is fresh). */
@Injectable()
export class ServerSchemasService {
  constructor(private readonly directory: ServerDirectory) {}

  async of(serverId: string): Promise<ServerSchemas> {
    const server = await this.directory.server(serverId);
    if (!server) throw ScimError.notFound(`Identity server ${serverId} not found`);
    return serverSchemasOf(server);
  }
}
