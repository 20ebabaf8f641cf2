import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminTokenService, printBanner } from './admin/admin-token.service';
import { SigningKeyError } from './auth/signing-key/signing-key-error';
import { createApp } from './bootstrap';
import { serverCommandRunner } from './cli/run-command';
import { startupFailure } from './common/errors/startup-failure';
import { ShutdownGate, stopAccepting } from './common/http/shutdown-gate';
import { ROOT_LOGGER, writeAfterLogs } from './common/logging/logger-params';
import { AppConfig } from './config/app-config';
import { ConfigError, loadConfig } from './config/load-config';
import { claimableDataDir, claimDataDir, DataDirClaim, DataDirInUse } from './control/data-dir-claim';
import { NONE_WARNING } from './servers/security-method';
import { ServersService } from './servers/servers.service';
import { RecordedPublicUrl } from './system/recorded-public-url';

/** After the drain: how long open connections may still bring a request (answered 503) before they are closed. */
const SETTLE_MS = 500;

/** A start that failed for a reason the operator can fix: the one line that says which and how. */
class StartupFailure extends Error {}

interface Started {
  app: NestFastifyApplication;
  /** On the embedded database: this process's hold on DATA_DIR, with the control socket the CLI sends commands to. */
  claim: DataDirClaim | undefined;
}

/** The embedded database on disk is this process's alone: DATA_DIR is claimed before it is opened. */
async function claimEmbedded(config: AppConfig): Promise<DataDirClaim | undefined> {
  const dataDir = claimableDataDir(config);
  if (dataDir === undefined) return undefined;
  try {
    return await claimDataDir(dataDir, { role: 'server' });
  } catch (error) {
    throw error instanceof DataDirInUse ? new StartupFailure(error.message) : error;
  }
}

/**
 * DATA_DIR (embedded), the database and application, then the port. A failure is described in one
 * line naming the variable to fix (startupFailure) when its cause is known; what was opened is closed first.
 */
async function listen(config: AppConfig): Promise<Started> {
  const claim = await claimEmbedded(config);
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp(config);
    await app.listen({ port: config.port, host: config.host });
    return { app, claim };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await claim?.release();
    const problem = startupFailure(error, config);
    throw problem ? new StartupFailure(problem) : error;
  }
}

/**
 * Start order: configuration, database and application, the port; then what an operator reads —
 * "started" once listening, warnings, and last the admin token's banner, generated and stored only
 * once the server listens, so that a start that fails (port in use) cannot swallow it.
 */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const { app, claim } = await listen(config);
  const logger = new Logger('scimd');
  claim?.serve(serverCommandRunner(app));
  await app.get(RecordedPublicUrl).record(config.publicUrl);
  logger.log(
    `started: listening on ${config.host}:${config.port}; public URL ${config.publicUrl}; OpenAPI explorer at ${config.publicUrl}/docs`,
  );
  for (const server of await app.get(ServersService).list()) {
    if (server.security.method === 'none') logger.warn(NONE_WARNING(server.name, server.scimUrl));
  }
  const token = await app.get(AdminTokenService).ensureToken();
  if (token) printBanner(token, (text) => writeAfterLogs(app.get(ROOT_LOGGER), text));
  closeOnSignals(app, claim, config, logger);
}

function closeOnSignals(
  app: NestFastifyApplication,
  claim: DataDirClaim | undefined,
  config: AppConfig,
  logger: Logger,
): void {
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    // However closing goes (a database that does not answer, a request that never ends), the process
    // is gone by the end of the grace period.
    setTimeout(() => {
      logger.error(`${signal}: not closed within SHUTDOWN_GRACE_MS (${config.shutdownGraceMs} ms); exiting now`);
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    logger.log(
      `${signal}: answering new requests 503 for ${config.shutdownDrainMs} ms, finishing in-flight requests, then closing the database`,
    );
    app.get(ShutdownGate).close();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    await stopAccepting(app.getHttpServer(), SETTLE_MS);
    try {
      await claim?.release();
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof StartupFailure || error instanceof SigningKeyError)
    process.stderr.write(`scimd cannot start: ${error.message}\n`);
  else process.stderr.write(`scimd failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
