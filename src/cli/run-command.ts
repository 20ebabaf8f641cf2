import { INestApplicationContext } from '@nestjs/common';
import { runAs } from '../audit-log/audit-trail/actor-context';
import { SigningKeyError } from '../auth/signing-key/signing-key-error';
import { mapError } from '../common/errors/map-error';
import { ConfigError } from '../config/load-config';
import type { CommandRunner } from '../control/data-dir-claim';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';
import { CliArgs, COMMANDS } from './commands';

/** The one line a failed command prints (after `error: `): its own words for a mistake, the stack for a bug. */
export function describeCliError(error: unknown): string {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof SigningKeyError)
    return error.message;
  const mapped = mapError(error);
  if (mapped.status < 500) return mapped.detail;
  return (error as Error)?.stack ?? String(error);
}

/** Runs one command as the `cli` actor of the audit trail; a failure becomes its exit status 1 and error line. */
export async function runCommand(
  ctx: INestApplicationContext,
  key: string,
  args: CliArgs,
  io: CliIo,
): Promise<{ exit: number; error?: string }> {
  const command = COMMANDS[key];
  if (!command) return { exit: 1, error: `unknown command "${key}"` };
  try {
    await runAs({ actor: 'cli' }, () => command(ctx, args, io));
    return { exit: 0 };
  } catch (error) {
    return { exit: 1, error: describeCliError(error) };
  }
}

/** The running server's side of the control socket: CLI commands run in it, on its database and caches. */
export function serverCommandRunner(ctx: INestApplicationContext): CommandRunner {
  return (request, write, signal) =>
    runCommand(
      ctx,
      request.key,
      { positionals: request.positionals, values: request.values, input: request.input },
      { json: request.values.json === true, write, signal, where: 'server' },
    );
}
