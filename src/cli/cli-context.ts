import { ConsoleLogger, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { startupFailure } from '../common/errors/startup-failure';
import { QuietFrameworkLogger } from '../common/logging/quiet-framework-logger';
import { AppConfig } from '../config/app-config';
import { CliModule } from './cli.module';
import { CliError } from './cli-error';

/**
 * The CLI's services on the configured database. Only warnings and errors are printed, and Nest's own
 * lines not at all (a database that cannot be opened is one `error:` line naming DATABASE_URL, as at
 * the server's start, not the framework's stack trace).
 */
export async function openCliContext(config: AppConfig): Promise<INestApplicationContext> {
  const logger = new QuietFrameworkLogger(new ConsoleLogger({ logLevels: ['error', 'warn'] }));
  try {
    return await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger, abortOnError: false });
  } catch (error) {
    const problem = startupFailure(error, config);
    throw problem ? new CliError(problem) : error;
  }
}
