import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliArgs, CliError, COMMANDS } from './cli/commands';
import { openCliContext } from './cli/cli-context';
import { accessDatabase } from './cli/embedded-access';
import { describeCliError, runCommand } from './cli/run-command';
import { SERVER_OPTIONS } from './cli/server-options';
import { readInputFile } from './cli/settings-command';
import { startupFailure } from './common/errors/startup-failure';
import { AppConfig } from './config/app-config';
import { loadConfig } from './config/load-config';
import { sendCommand } from './control/control-client';
import { Database } from './database/database';
import { generateMigration } from './database/migration-generator';

const USAGE = `scimd command line (same configuration and database as the server)

On the embedded database (no DATABASE_URL) the running server holds DATA_DIR: commands are sent to
it over DATA_DIR/scimd.sock and run inside it, so their changes take effect at once.

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

/** What the running server answers to a migration command: it holds the embedded database, and migrated it at its start. */
function migrationRefusal(command: string, pid: number): string {
  const what =
    command === 'migration:revert'
      ? 'to revert the last migration, stop it first'
      : 'it applied the pending migrations when it started (MIGRATIONS_RUN); to run them by hand, stop it first';
  return `the scimd server (pid ${pid}) holds the embedded database in DATA_DIR: ${what}, then run ${command} again`;
}

async function runMigrationCommand(command: string, name: string | undefined): Promise<void> {
  if (command === 'migration:generate') {
    if (!name) throw new CliError('migration:generate <PascalCaseName>');
    const file = await generateMigration(name, join(process.cwd(), 'migrations'));
    process.stdout.write(file ? `wrote ${file}\n` : 'entities and migrations agree: nothing to generate\n');
    return;
  }
  if (command !== 'migration:run' && command !== 'migration:revert')
    throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
  const config = loadConfig(process.env);
  const access = await accessDatabase(config, command);
  if (access.through === 'server') throw new CliError(migrationRefusal(command, access.pid));
  try {
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
  } finally {
    await access.claim?.release();
  }
}

const OPTIONS = {
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
} as const;

/** Ctrl-C: the command is told to stop (`logs --follow` ends); the process exits 130 once it has, or 2 s later. */
function interruptible(): AbortSignal {
  const stop = new AbortController();
  process.once('SIGINT', () => {
    stop.abort();
    setTimeout(() => process.exit(INTERRUPTED), 2000).unref();
  });
  return stop.signal;
}

const INTERRUPTED = 130;

/** Runs the command in this process, on the database it opens (holding DATA_DIR meanwhile when embedded). */
async function runHere(
  config: AppConfig,
  key: string,
  args: CliArgs,
  signal: AbortSignal,
): Promise<{ exit: number; error?: string }> {
  const ctx = await openCliContext(config, process.env.PUBLIC_URL !== undefined && process.env.PUBLIC_URL !== '');
  try {
    return await runCommand(ctx, key, args, {
      json: args.values.json === true,
      write: (text) => process.stdout.write(text),
      signal,
      where: 'cli',
    });
  } finally {
    await ctx.close();
  }
}

/** The command line as the holder of DATA_DIR shows it to others: the words and option names, never option values (a --password). */
function commandLabel(positionals: string[], values: Record<string, unknown>): string {
  return [...positionals, ...Object.keys(values).map((name) => `--${name}`)].join(' ');
}

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { positionals, values } = parseArgs({ allowPositionals: true, allowNegative: true, options: OPTIONS });
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
  if (!COMMANDS[key]) throw new CliError(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
  const args: CliArgs = {
    positionals: key === first ? [second, ...rest].filter((p) => p !== undefined) : rest,
    values,
  };
  if (values.file !== undefined) args.input = await readInputFile(values.file);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const access = await accessDatabase(config, commandLabel(positionals, values));
  const signal = interruptible();
  let end: { exit: number; error?: string };
  if (access.through === 'server') {
    end = await sendCommand(
      access.socket,
      { key, positionals: args.positionals, values, input: args.input },
      (text) => process.stdout.write(text),
      signal,
    );
  } else {
    try {
      end = await runHere(config, key, args, signal);
    } finally {
      await access.claim?.release();
    }
  }
  if (end.error !== undefined) process.stderr.write(`error: ${end.error}\n`);
  return signal.aborted ? INTERRUPTED : end.exit;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
    else process.stderr.write(`error: ${describeCliError(error)}\n`);
    process.exit(1);
  },
);
