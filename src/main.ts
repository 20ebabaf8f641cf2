import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { AdminTokenService } from './admin/admin-token.service';
import { SigningKeyError } from './auth/signing-key/signing-key-error';
import { createApp } from './bootstrap';
import { ShutdownGate, stopAccepting } from './common/http/shutdown-gate';
import { ConfigError, loadConfig } from './config/load-config';
import { NONE_WARNING } from './servers/security-method';
import { ServersService } from './servers/servers.service';

/** After the drain: how long open connections may still bring a request (answered 503) before they are closed. */
const SETTLE_MS = 500;

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.get(AdminTokenService).ensureToken();
  const logger = new Logger('scimd');
  await app.listen({ port: config.port, host: config.host });
  logger.log(`listening on ${config.host}:${config.port}; public URL ${config.publicUrl}; OpenAPI explorer at ${config.publicUrl}/docs`);
  for (const server of await app.get(ServersService).list()) {
    if (server.security.method === 'none') logger.warn(NONE_WARNING(server.name, server.scimUrl));
  }

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
    logger.log(`${signal}: answering new requests 503 for ${config.shutdownDrainMs} ms, finishing in-flight requests, then closing the database`);
    app.get(ShutdownGate).close();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    await stopAccepting(app.getHttpServer(), SETTLE_MS);
    try {
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
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof SigningKeyError) {
    process.stderr.write(`scimd failed to start: ${error.message}\n`);
  } else {
    process.stderr.write(`scimd failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
