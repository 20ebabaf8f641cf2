import { ConsoleLogger, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { startupFailure } from '../common/errors/startup-failure';
import { QuietFrameworkLogger } from '../common/logging/quiet-framework-logger';
import { AppConfig } from '../config/app-config';
import { RecordedPublicUrl } from '../system/recorded-public-url';
import { CliModule } from './cli.module';
import { CliError } from './cli-error';

/**
 * The CLI's services on the configured database. Without PUBLIC_URL of its own, the CLI takes the
 * public URL the server recorded at its last start (RecordedPublicUrl), before any service reads it,
 * so that the URLs it prints are the server's. Only warnings and errors are printed, and Nest's own
 * lines not at all (a database that cannot be opened is one `error:` line naming DATABASE_URL, as at
 * the server's start, not the framework's stack trace).
 */
export async function openCliContext(config: AppConfig, ownPublicUrl: boolean): Promise<INestApplicationContext> {
  const logger = new QuietFrameworkLogger(new ConsoleLogger({ logLevels: ['error', 'warn'] }));
  let ctx: INestApplicationContext;
  try {
    ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger, abortOnError: false });
  } catch (error) {
    const problem = startupFailure(error, config);
    throw problem ? new CliError(problem) : error;
  }
  if (!ownPublicUrl) config.publicUrl = (await ctx.get(RecordedPublicUrl).find()) ?? config.publicUrl;
  return ctx;
}
