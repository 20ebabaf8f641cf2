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
import { resolveServer } from './resolve-server';
import { printSecret } from './secret-output';
import { createServer, updateServer } from './servers-write-commands';
import { CustomAttributesService } from '../custom-attributes/custom-attributes.service';
import { readJsonFile } from './settings-command';
import { RoleMappingService } from '../role-mapping/role-mapping.service';
import { Database } from '../database/database';
import { SelfTestService } from '../self-test/self-test.service';
import { printSelfTest, validateSelfTestOptions } from './self-test-command';

export { CliError } from './cli-error';

const EMBEDDED_SELF_TEST = (id: string): string =>
  'self-test needs PostgreSQL (DATABASE_URL): the embedded database belongs to the running server alone. ' +
  `Run it through the admin API instead: curl -X POST "$PUBLIC_URL/admin/servers/${id}/self-test" -H "Authorization: Bearer $ADMIN_TOKEN"`;

export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

type Command = (ctx: INestApplicationContext, args: CliArgs, json: boolean) => Promise<void>;

const SERVER_COLUMNS = ['id', 'name', 'isDefault', 'active', 'logRequests', 'security', 'scimUrl'];

export const COMMANDS: Record<string, Command> = {
  'servers list': async (ctx, _args, json) => {
    printRows((await ctx.get(ServersService).list()) as unknown as Record<string, unknown>[], SERVER_COLUMNS, json);
  },
  'servers create': createServer,
  'servers update': updateServer,
  'servers show': async (ctx, args, json) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    printObject({ ...server, credentials: await servers.listCredentials(server.id) }, json);
  },
  'servers delete': async (ctx, args, json) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    await servers.delete(server.id);
    printObject({ deleted: server.id, name: server.name }, json);
  },
  'credentials list': async (ctx, args, json) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    printRows((await servers.listCredentials(server.id)) as unknown as Record<string, unknown>[], ['id', 'method', 'username', 'createdAt', 'expiresAt', 'revokedAt'], json);
  },
  'credentials issue': async (ctx, args, json) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    const credential = await servers.issueCredential(server.id);
    printObject(credential, json);
    printSecret(credential, server.scimUrl, json);
  },
  'credentials revoke': async (ctx, args, json) => {
    const servers = ctx.get(ServersService);
    const server = await resolveServer(servers, args.positionals[0]);
    const credentialId = args.positionals[1];
    if (!isUuid(credentialId)) throw new CliError('credentials revoke <server> <credential id>');
    await servers.revokeCredential(server.id, credentialId.toLowerCase());
    printObject({ revoked: credentialId, server: server.id }, json);
  },
  'attributes show': async (ctx, args, json) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(await ctx.get(CustomAttributesService).get(server.id), json);
  },
  'attributes set': async (ctx, args, json) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(await ctx.get(CustomAttributesService).replace(server.id, await readJsonFile(args.values.file)), json);
  },
  'roles show': async (ctx, args, json) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(await ctx.get(RoleMappingService).get(server.id), json);
  },
  'roles set': async (ctx, args, json) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject(await ctx.get(RoleMappingService).replace(server.id, await readJsonFile(args.values.file)), json);
  },
  'compatibility show': async (ctx, args, json) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    printObject({ strict: server.scim.strict ?? false, ...(await ctx.get(CompatibilityCounters).view(server.id)) }, json);
  },
  logs: async (ctx, args, json) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    const [limit, status, resourceType] = [args.values.limit, args.values.status, args.values['resource-type']] as (string | undefined)[];
    const follow = args.values.follow;
    const problem = validateTailOptions(status, limit, resourceType);
    if (problem) throw new CliError(problem);
    await tailLogs(ctx.get(RequestLogsService), server.id, { json, follow: follow === true, limit: Number(limit ?? 20), status, resourceType });
  },
  audit: async (ctx, args, json) => {
    const server = args.positionals[0] === undefined ? undefined : await resolveServer(ctx.get(ServersService), args.positionals[0]);
    const { since, limit } = args.values as Record<string, string | undefined>;
    const problem = validateAuditOptions(since, limit);
    if (problem) throw new CliError(problem);
    await printAudit(ctx.get(AuditTrail), { json, serverId: server?.id, from: since ? new Date(since) : undefined, limit: Number(limit ?? 50) });
  },
  'self-test': async (ctx, args, json) => {
    const server = await resolveServer(ctx.get(ServersService), args.positionals[0]);
    const timeout = args.values.timeout as string | undefined;
    const problem = validateSelfTestOptions(timeout);
    if (problem) throw new CliError(problem);
    // The run's credential is minted in the database the server reads; the embedded one is the
    // server's alone (a second process must not open it), so there the admin API runs the self-test.
    if (ctx.get(Database).engine === 'pglite') throw new CliError(EMBEDDED_SELF_TEST(server.id));
    const report = await ctx.get(SelfTestService).run(server.id, timeout === undefined ? undefined : Number(timeout));
    printSelfTest(report, json);
    if (!report.ok) throw new CliError(`self-test of "${server.name}" failed (see the steps above; the request log has every request: npm run cli -- logs ${server.id})`);
  },
  'admin-token': async (ctx, args, json) => {
    if (args.values.rotate !== true) throw new CliError('admin-token --rotate makes a new admin token (the old one stops working)');
    const token = await ctx.get(AdminTokenService).rotate();
    if (json) printObject({ adminToken: token }, true);
    else process.stdout.write(`New admin token (shown only now; the previous one no longer works):\n\n  ${token}\n\n`);
  },
};
