import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runAs } from './audit-log/audit-trail/actor-context';
import { SigningKeyError } from './auth/signing-key/signing-key-error';
import { CliError, COMMANDS } from './cli/commands';
import { openCliContext } from './cli/cli-context';
import { SERVER_OPTIONS } from './cli/server-options';
import { mapError } from './common/errors/map-error';
import { startupFailure } from './common/errors/startup-failure';
import { ConfigError, loadConfig } from './config/load-config';
import { Database } from './database/database';
import { generateMigration } from './database/migration-generator';

const USAGE = `scimd command line (same configuration and database as the server)

Usage: npm run cli -- <command> [options]

  servers list                           list identity servers
  servers create <name> [--method bearer|basic|digest|oauth2|none] [server options]
                                         create one; prints its SCIM URL and its token
                                         (bearer), username and password (basic, digest)
                                         or client id and secret (oauth2)
  servers update <name|id> [--name NEW] [server options]
                                         change only what the options name (as PATCH
                                         /admin/servers/:id); a new --method, --username
                                         or --password revokes the credentials and
                                         prints the new one
  servers show <name|id>                 one server and its credentials (never secrets)
  servers delete <name|id>               delete it with its users, groups and logs
  credentials list <server>              credentials of a server
  credentials issue <server>             issue another credential (rotation)
  credentials revoke <server> <id>       revoke one at once
  attributes show <server>               custom attributes, unknown-attribute policy and
                                         ignored-attribute counts
  attributes set <server> --file F.json  replace them (the body of PUT …/attributes;
                                         --file - reads standard input)
  roles show <server>                    role mapping, users per role, unmatched values
  roles set <server> --file F.json       replace it (the body of PUT …/role-mapping);
                                         every user's role is recomputed
  compatibility show <server>            the IdP dialect departures counted (normalised,
                                         or refused when strict; docs/compatibility.md)
  logs <server> [--follow] [--limit N] [--status 4xx|404…]
       [--resource-type User|Group|Bulk|token…]
                                         the server's recent request-log entries,
                                         oldest first; --follow polls for new ones
                                         (--json: one JSON object per line)
  audit [<server>] [--since TIME] [--limit N]
                                         administrative changes (who, what, when),
                                         oldest first; of one server or of all
                                         (--json: one JSON object per line)
  self-test <server> [--timeout MS]      call the server's SCIM URL (PUBLIC_URL) as an IdP
                                         would: Entra's and Okta's connection tests, then a
                                         throw-away user and group, created and removed;
                                         exit status 1 when a step fails
  admin-token --rotate                   make a new admin token
  migration:run | migration:revert       apply pending migrations / undo the last one
  migration:generate <Name>              write migrations/<epoch>-<Name>.ts from the entities

Server options (create and update; booleans also as --no-…, e.g. --no-strict):
  --active | --inactive    --default    --log-requests    --retention DAYS (request log)
  --strict (RFC to the letter)    --patch-status 200|204    --unknown-members reject|ignore
  --member-display resource|as-sent    --allow CIDR (repeatable) | --allow-all
  --rate N (requests/s) --burst N      security: --token-days N (bearer), --username U
  --password P (basic, digest), --redirect-uri URL (repeatable), --access-token-ttl SECONDS,
  --secret-days N (oauth2)

Options: --json for machine-readable output.
`;

async function runMigrationCommand(command: string, name: string | undefined): Promise<void> {
  if (command === 'migration:generate') {
    if (!name) throw new CliError('migration:generate <PascalCaseName>');
    const file = await generateMigration(name, join(process.cwd(), 'migrations'));
    process.stdout.write(file ? `wrote ${file}\n` : 'entities and migrations agree: nothing to generate\n');
    return;
  }
  const config = loadConfig(process.env);
  const db = await Database.open(config).catch((error: unknown) => {
    const problem = startupFailure(error, config);
    throw problem ? new CliError(problem) : error;
  });
  try {
    if (command === 'migration:run') {
      const applied = await db.migrate();
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'no pending migrations\n');
    } else {
      await db.revertLast();
      process.stdout.write('reverted the last migration\n');
    }
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    allowNegative: true,
    options: {
      ...SERVER_OPTIONS,
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      rotate: { type: 'boolean' },
      name: { type: 'string' },
      method: { type: 'string' },
      default: { type: 'boolean' },
      inactive: { type: 'boolean' },
      'log-requests': { type: 'boolean' },
      'token-days': { type: 'string' },
      username: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      limit: { type: 'string' },
      status: { type: 'string' },
      'resource-type': { type: 'string' },
      since: { type: 'string' },
      file: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const [first, second, ...rest] = positionals;
  if (!first || values.help) {
    process.stdout.write(USAGE);
    return first ? 0 : 2;
  }
  if (first.startsWith('migration:')) {
    await runMigrationCommand(first, second);
    return 0;
  }
  const twoWord = `${first} ${second ?? ''}`;
  const key = COMMANDS[twoWord] ? twoWord : first;
  const command = COMMANDS[key];
  if (!command) throw new CliError(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
  const args = { positionals: key === first ? [second, ...rest].filter((p) => p !== undefined) : rest, values };
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const ctx = await openCliContext(config);
  try {
    await runAs({ actor: 'cli' }, () => command(ctx, args, values.json === true));
  } finally {
    await ctx.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const mapped = mapError(error);
    if (error instanceof CliError || error instanceof ConfigError || error instanceof SigningKeyError) process.stderr.write(`error: ${error.message}\n`);
    else if (mapped.status < 500) process.stderr.write(`error: ${mapped.detail}\n`);
    else if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
    else process.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
