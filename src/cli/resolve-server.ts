import { isUuid } from '../common/uuid';
import { ServerView } from '../servers/dto/server.view';
import { ServersService } from '../servers/servers.service';
import { CliError } from './cli-error';

/** The identity server a command names: by id, or by name (case-insensitively). */
export async function resolveServer(servers: ServersService, ref: string | undefined): Promise<ServerView> {
  if (!ref) throw new CliError('name or id of the identity server is required');
  const wanted = ref.toLowerCase();
  if (isUuid(ref)) return servers.get(wanted);
  const match = (await servers.list()).find((s) => s.name.toLowerCase() === wanted);
  if (!match) throw new CliError(`no identity server named "${ref}"`);
  return match;
}
