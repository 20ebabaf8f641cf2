import { SelfTestReportView } from '../self-test/dto/self-test-report.view';
import type { CliIo } from './cli-io';
import { printRows } from './output';

export function validateSelfTestOptions(timeout: string | undefined): string | undefined {
  if (timeout !== undefined && !(/^\d+$/.test(timeout) && Number(timeout) >= 100 && Number(timeout) <= 60_000))
    return '--timeout must be a whole number of milliseconds from 100 to 60000';
  return undefined;
}

/** The report as a table of steps and a verdict (or, with --json, the admin API's JSON). */
export function printSelfTest(io: Pick<CliIo, 'write' | 'json'>, report: SelfTestReportView): void {
  const write = (text: string): void => io.write(text);
  if (io.json) {
    write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  write(`Self-test of ${report.scimUrl}\n\n`);
  const rows = report.steps.map((s) => ({
    step: s.cleanup ? `${s.name} (cleanup)` : s.name,
    request: `${s.method} ${s.path.length > 60 ? `${s.path.slice(0, 57)}...` : s.path}`,
    status: s.skipped ? 'skipped' : (s.status ?? '---'),
    expected: s.expected,
    result: s.skipped ? '-' : s.ok ? 'ok' : 'FAIL',
    ms: s.durationMs,
    detail: s.detail ?? '',
  }));
  printRows(io, rows, ['step', 'request', 'status', 'expected', 'result', 'ms', 'detail']);
  if (report.leftBehind.length > 0) write(`\nCould not remove: ${report.leftBehind.join(', ')}\n`);
  write(
    `\n${report.ok ? 'OK' : 'FAILED'}: ${report.steps.filter((s) => s.ok).length} of ${report.steps.length} steps passed in ${report.durationMs} ms\n`,
  );
}
