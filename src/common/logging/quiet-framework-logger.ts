import { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up lines: a hundred module and route listings, "Nest application successfully
 * started" (logged before the port is even tried), and the errors of a start that failed, which
 * `main.ts` and the CLI report themselves in one line. Kept, but at debug.
 */
export const FRAMEWORK_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'ExceptionHandler',
]);

type Level = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

/**
 * Nest's logger contract over another logger, with the framework's lines (FRAMEWORK_CONTEXTS)
 * turned into debug ones. Nest passes the context last; everything else is handed on unchanged.
 */
export class QuietFrameworkLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = params[params.length - 1];
    const framework = typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
    const target = framework ? 'debug' : level;
    (this.inner[target] ?? this.inner.log).call(this.inner, message, ...params);
  }
}
