import { LoggerService } from '@nestjs/common';
import { QuietFrameworkLogger } from './quiet-framework-logger';

function recorder(): { logger: LoggerService; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      calls.push([level, ...args]);
  return {
    logger: {
      log: record('log'),
      error: record('error'),
      warn: record('warn'),
      debug: record('debug'),
      verbose: record('verbose'),
      fatal: record('fatal'),
    },
    calls,
  };
}

describe('QuietFrameworkLogger', () => {
  it("turns Nest's own start-up lines into debug ones, whatever their level", () => {
    const { logger, calls } = recorder();
    const quiet = new QuietFrameworkLogger(logger);
    quiet.log('Mapped {/admin/servers, GET} route', 'RouterExplorer');
    quiet.log('Nest application successfully started', 'NestApplication');
    quiet.error('Error: listen EADDRINUSE', 'NestApplication');
    quiet.error(new Error('connect ECONNREFUSED'), undefined, 'ExceptionHandler');
    expect(calls.map((c) => c[0])).toEqual(['debug', 'debug', 'debug', 'debug']);
    expect(calls[3]).toEqual(['debug', new Error('connect ECONNREFUSED'), undefined, 'ExceptionHandler']);
  });

  it('hands every other line on unchanged', () => {
    const { logger, calls } = recorder();
    const quiet = new QuietFrameworkLogger(logger);
    quiet.log('started: listening on 0.0.0.0:3000', 'scimd');
    quiet.warn('security method none', 'scimd');
    quiet.error('shutdown failed', 'stack', 'scimd');
    quiet.verbose('detail');
    expect(calls).toEqual([
      ['log', 'started: listening on 0.0.0.0:3000', 'scimd'],
      ['warn', 'security method none', 'scimd'],
      ['error', 'shutdown failed', 'stack', 'scimd'],
      ['verbose', 'detail'],
    ]);
  });
});
