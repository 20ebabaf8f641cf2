import { INestApplicationContext } from '@nestjs/common';
import { validatedBody } from '../common/http/validation';
import { CreateServerDto } from '../servers/dto/create-server.dto';
import { UpdateServerDto } from '../servers/dto/update-server.dto';
import { ServersService } from '../servers/servers.service';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import type { CliArgs } from './commands';
import { printObject } from './output';
import { resolveServer } from './resolve-server';
import { printSecret } from './secret-output';
import { changesBody, creationBody } from './server-options';

const UPDATE_OPTIONS =
  '--name, --active/--inactive, --default/--no-default, --log-requests/--no-log-requests, --retention DAYS, --strict/--no-strict, ' +
  '--patch-status 200|204, --unknown-members, --member-display, --allow CIDR/--allow-all, --rate N, --burst N, ' +
  '--method, --username, --password, --token-days, --redirect-uri, --access-token-ttl, --secret-days';

/**
 * `servers create <name>`: the options become the admin API's body, validated by the same DTO and
 * pipe (the same error for the same mistake), then ServersService creates it.
 */
export async function createServer(ctx: INestApplicationContext, args: CliArgs, io: CliIo): Promise<void> {
  const dto = await validatedBody(
    CreateServerDto,
    creationBody((args.values.name as string | undefined) ?? args.positionals[0], args.values),
  );
  const created = await ctx.get(ServersService).create(dto);
  printObject(io, created);
  printSecret(io, created.credentials, created.scimUrl);
}

/** `servers update <server>`: what PATCH /admin/servers/:id does, from options that change only what they name. */
export async function updateServer(ctx: INestApplicationContext, args: CliArgs, io: CliIo): Promise<void> {
  const servers = ctx.get(ServersService);
  const server = await resolveServer(servers, args.positionals[0]);
  const body = changesBody(args.values, server);
  if (Object.keys(body).length === 0)
    throw new CliError(`servers update <server> needs at least one change: ${UPDATE_OPTIONS}`);
  const updated = await servers.update(server.id, await validatedBody(UpdateServerDto, body));
  if (io.json) return printObject(io, updated);
  const { credentials, ...view } = updated;
  printObject(io, view);
  if (credentials) {
    io.write('\nThe previous credentials of the server are revoked; its new one:\n');
    printSecret(io, credentials, updated.scimUrl);
  }
}
