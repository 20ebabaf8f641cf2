import { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import pino, { Logger } from 'pino';
import { recordedSecretsOf } from '../../audit-log/request-log/captured-request';
import { requestState } from '../http/request-state';
import { redactUrl } from '../../audit-log/request-log/redact';
import { AppConfig } from '../../config/app-config';

/** Paths pino blanks out wherever they appear in a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.clientSecret',
  '*.adminToken',
  '*.jwtSecret',
  '*.databaseUrl',
];

/** The process's pino logger (rootLogger) in the application's container: main.ts writes the banner through it. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Writes `text` to the logger's own destination, after every line logged so far: pino writes stdout
 * asynchronously, so process.stdout.write would overtake lines still queued (the admin token banner).
 */
export function writeAfterLogs(logger: Logger, text: string): void {
  const destination = (logger as unknown as Record<symbol, { write(chunk: string): unknown }>)[pino.symbols.streamSym];
  destination.write(text);
}

/** The process's pino logger: JSON lines, secrets redacted. */
export function rootLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}

/**
 * Nest's logger on `logger`. pino-http's per-request middleware is left out (`forRoutes: []`): it
 * builds two child loggers and serialises the request for every request, whatever the level, which
 * cost a sixth of a request's CPU. `logRequests` writes the request lines instead.
 */
export function loggerParams(logger: Logger): Params {
  return { pinoHttp: { logger }, forRoutes: [] };
}

interface FinishedRequest {
  id: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: IncomingMessage;
}

/**
 * One line per finished request (not /health), from an `onResponse` hook: its id (X-Request-Id
 * honoured, see request-id.ts), method, URL as sent (secret-named query parameters, a token request's
 * grant secrets and comparisons on secrets in a filter redacted, see redactUrl), user agent, status and duration — never headers
 * or bodies. Nothing is built when the level is off.
 */
export function logRequest(
  logger: Logger,
  request: FinishedRequest,
  reply: { statusCode: number; elapsedTime: number },
): void {
  if (!logger.isLevelEnabled('info')) return;
  const url = (request.raw as IncomingMessage & { clientUrl?: string }).clientUrl ?? request.url;
  if (url.startsWith('/health')) return;
  logger.info(
    {
      reqId: request.id,
      req: {
        method: request.method,
        url: redactUrl(url, recordedSecretsOf(request.url, requestState(request.raw).recorded)),
        userAgent: request.headers['user-agent'],
      },
      res: { statusCode: reply.statusCode },
      responseTime: Math.round(reply.elapsedTime),
    },
    reply.statusCode >= 500 ? 'request errored' : 'request completed',
  );
}
