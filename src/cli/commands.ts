import { INestApplicationContext } from '@nestjs/common';
import { AdminTokenService } from '../admin/admin-token.service';
import { isUuid } from '../common/uuid';
import { ServersService } from '../servers/servers.service';
import { CompatibilityCounters } from '../servers/compatibility-counters';
import { RequestLogsService } from '../audit-log/request-logs.service';
import { AuditTrail } from '../audit-log/audit-trail/audit-trail.service';
import { printAudit, validateAuditOptions } from './audit-command';
import { tailLogs, validateTailOptions } from './logs-command';
import { printObject, printRows } from './output';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { resolveServer } from './resolve-server';
import { printSecret } from './secret-output';
import { createServer, updateServer } from './servers-write-commands';
import { CustomAttributesService } from '../custom-attributes/custom-attributes.service';
import { parseJsonInput } from './settings-command';
import { RoleMappingService } from '../role-mapping/role-mapping.service';
import { Database } from '../database/database';
import { SelfTestService } from '../self-test/self-test.service';
import { printSelfTest, validateSelfTestOptions } from './self-test-command';

export { CliError } from './cli-error';

const NO_SERVER_SELF_TEST =
  'self-test calls the running server, and no server runs on this DATA_DIR: start it (npm start), then run this again ' +
  '(the command then runs inside the server, which holds the embedded database)';

export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  /** The text of `--file`, read by the CLI where it runs (readInputFile). */
  input?: string;
}

export type Command = (ctx: INestApplicationContext, args: CliArgs, io: CliIo) => Promise<void>;

const SERVER_COLUMNS = ['id', 'name', 'isDefault', 'active', 'logRequests', 'security', 'scimUrl'];

export const COMMANDS: Record<string, Command> = {
  'servers list': async (ctx, _args, io) => {
    printRows(io, (await ctx.get(ServersService).list()) as unknown as Record<string, unknown>[], SERVER_COLUMNS);
  },
  'servers create': createServer,
  'servers update': updateServer,
  'servers show': async (ctx, args, io) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    printObject(io, { ...server, credentials: await servers.listCredentials(server.id) });
  },
  'servers delete': async (ctx, args, io) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    await servers.delete(server.id);
    printObject(io, { deleted: server.id, name: server.name });
  },
  'credentials list': async (ctx, args, io) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    printRows(io, (await servers.listCredentials(server.id)) as unknown as Record<string, unknown>[], [
      'id',
      'method',
      'username',
      'createdAt',
      'expiresAt',
      'revokedAt',
    ]);
  },
  'credentials issue': async (ctx, args, io) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    const credential = await servers.issueCredential(server.id);
    printObject(io, credential);
    printSecret(io, credential, server.scimUrl);
  },
  'credentials revoke': async (ctx, args, io) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    const credentialId = args.positionals[1];
    if (!isUuid(credentialId)) throw new CliError('credentials revoke <server> <credential id>');
    await servers.revokeCredential(server.id, credentialId.toLowerCase());
    printObject(io, { revoked: credentialId, server: server.id });
  },
  'attributes show': async (ctx, args, io) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(io, await ctx.get(CustomAttributesService).get(server.id));
  },
  'attributes set': async (ctx, args, io) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(
      io,
      await ctx.get(CustomAttributesService).replace(server.id, parseJsonInput(args.values.file, args.input)),
    );
  },
  'roles show': async (ctx, args, io) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(io, await ctx.get(RoleMappingService).get(server.id));
  },
  'roles set': async (ctx, args, io) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(io, await ctx.get(RoleMappingService).replace(server.id, parseJsonInput(args.values.file, args.input)));
  },
  'compatibility show': async (ctx, args, io) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(io, { strict: server.scim.strict ?? false, ...(await ctx.get(CompatibilityCounters).view(server.id)) });
  },
  logs: async (ctx, args, io) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    const [limit, status, resourceType] = [args.values.limit, args.values.status, args.values['resource-type']] as (
      string | undefined
    )[];
    const follow = args.values.follow;
    const problem = validateTailOptions(status, limit, resourceType);
    if (problem) throw new CliError(problem);
    await tailLogs(ctx.get(RequestLogsService), server.id, {
      json: io.json,
      follow: follow === true,
      limit: Number(limit ?? 20),
      status,
      resourceType,
      signal: io.signal,
      write: io.write,
    });
  },
  audit: async (ctx, args, io) => {
    const server =
      args.positionals[0] === undefined ? undefined : await resolveServer(ctx.get(ServersService), args.positionals[0]);
    const { since, limit } = args.values as Record<string, string | undefined>;
    const problem = validateAuditOptions(since, limit);
    if (problem) throw new CliError(problem);
    await printAudit(ctx.get(AuditTrail), {
      json: io.json,
      serverId: server?.id,
      from: since ? new Date(since) : undefined,
      limit: Number(limit ?? 50),
      write: io.write,
    });
  },
  'self-test': async (ctx, args, io) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    const timeout = args.values.timeout as string | undefined;
    const problem = validateSelfTestOptions(timeout);
    if (problem) throw new CliError(problem);
    // The run calls the server's SCIM URL: on the embedded database, a CLI that opened it itself
    // knows that no server runs (it would hold the database and run this command instead).
    if (ctx.get(Database).engine === 'pglite' && io.where === 'cli') throw new CliError(NO_SERVER_SELF_TEST);
    const report = await ctx.get(SelfTestService).run(server.id, timeout === undefined ? undefined : Number(timeout));
    printSelfTest(io, report);
    if (!report.ok)
      throw new CliError(
        `self-test of "${server.name}" failed (see the steps above; the request log has every request: npm run cli -- logs ${server.id})`,
      );
  },
  'admin-token': async (ctx, args, io) => {
    if (args.values.rotate !== true)
      throw new CliError('admin-token --rotate makes a new admin token (the old one stops working)');
    const token = await ctx.get(AdminTokenService).rotate();
    if (io.json) printObject(io, { adminToken: token });
    else io.write(`New admin token (shown only now; the previous one no longer works):\n\n  ${token}\n\n`);
  },
};
