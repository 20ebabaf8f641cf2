import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '..', '..', '.ci', 'count-reports.js');

type Status = 'passed' | 'failed' | 'pending' | 'todo';

/** A test file of a Jest `--json` report, shaped as Jest 29 writes it. */
function file(name: string, status: 'passed' | 'failed', assertions: Status[], message = '') {
  return {
    name: resolve(name),
    status,
    message,
    assertionResults: assertions.map((s, i) => ({ title: `test ${i}`, status: s })),
  };
}

/** A Jest `--json` report of these files, with Jest's totals. */
function jestReport(files: ReturnType<typeof file>[], extra: Record<string, unknown> = {}) {
  const all = files.flatMap((f) => f.assertionResults.map((a) => a.status));
  const count = (s: Status) => all.filter((a) => a === s).length;
  const failedFiles = files.filter((f) => f.status === 'failed');
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('pending'),
    numTodoTests: count('todo'),
    numFailedTestSuites: failedFiles.length,
    numRuntimeErrorTestSuites: failedFiles.filter((f) => !f.assertionResults.some((a) => a.status === 'failed')).length,
    success: failedFiles.length === 0,
    wasInterrupted: false,
    testResults: files,
    ...extra,
  };
}

const PEERS = { microsoft: { passed: 107, failed: 0, skipped: 0 }, okta: { passed: 53, failed: 0, skipped: 0 } };
const PEER_LINES = [
  'microsoft (pglite): 107 passed, 0 failed, 0 skipped',
  'okta (pglite): 53 passed, 0 failed, 0 skipped',
  'microsoft (postgres): 107 passed, 0 failed, 0 skipped',
  'okta (postgres): 53 passed, 0 failed, 0 skipped',
];

/**
 * .ci/run's count, run as .ci/run runs it, on these reports: the vendor suites' all pass unless given
 * (undefined: no report); the Jest reports named are those given.
 */
function count(
  reports: Record<string, unknown>,
  names = Object.keys(reports).filter((n) => !n.startsWith('peer-')),
): { status: number | null; lines: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'scimd-count-'));
  try {
    const all: Record<string, unknown> = { ...reports };
    for (const engine of ['pglite', 'postgres'])
      for (const [suite, counts] of Object.entries(PEERS))
        if (!(`peer-${engine}-${suite}` in all)) all[`peer-${engine}-${suite}`] = counts;
    for (const [name, report] of Object.entries(all))
      if (report !== undefined) writeFileSync(join(dir, `${name}.json`), JSON.stringify(report));
    const run = spawnSync(process.execPath, [SCRIPT, dir, ...names], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return { status: run.status, lines: run.stdout.trimEnd().split('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('.ci/count-reports.js', () => {
  it('adds up passed tests and assertions, shows skipped and to-do tests apart, and exits 0', () => {
    const pglite = jestReport([file('test/e2e/a.e2e-spec.ts', 'passed', ['passed', 'passed', 'pending', 'todo'])]);
    const postgres = jestReport([file('test/e2e/a.e2e-spec.ts', 'passed', ['passed', 'passed', 'pending', 'todo'])]);
    expect(count({ pglite, postgres })).toEqual({
      status: 0,
      lines: [
        ...PEER_LINES,
        'pglite: 2 passed, 0 failed, 2 skipped',
        'postgres: 2 passed, 0 failed, 2 skipped',
        '324 passed, 0 failed, 4 skipped',
      ],
    });
  });

  it('counts a file that failed in afterAll after its tests passed, naming it and the error', () => {
    // As Jest 29 reports it: the file failed, every one of its tests passed, numFailedTests is 0.
    const message = '\n\n  ● Test suite failed to run\n\n    teardown broke\n\n      1 | describe(…';
    const pglite = jestReport([
      file('test/e2e/a.e2e-spec.ts', 'passed', ['passed']),
      file('test/e2e/teardown.e2e-spec.ts', 'failed', ['passed', 'passed'], message),
    ]);
    expect(pglite.numFailedTests).toBe(0);
    expect(count({ pglite })).toEqual({
      status: 1,
      lines: [
        ...PEER_LINES,
        'pglite: 3 passed, 1 failed, 0 skipped',
        '  ✕ test/e2e/teardown.e2e-spec.ts: teardown broke',
        '323 passed, 1 failed, 0 skipped',
      ],
    });
  });

  it('counts a file that failed to run, and failed tests once each', () => {
    const noRun = file(
      'test/e2e/broken.e2e-spec.ts',
      'failed',
      [],
      "  ● Test suite failed to run\n\n    Cannot find module '../nowhere' from 'test/e2e/broken.e2e-spec.ts'",
    );
    const failing = file(
      'test/e2e/b.e2e-spec.ts',
      'failed',
      ['failed', 'passed'],
      '  ● fails\n\n    expect(received).toBe(expected)',
    );
    expect(count({ postgres: jestReport([noRun, failing]) })).toEqual({
      status: 1,
      lines: [
        ...PEER_LINES,
        'postgres: 1 passed, 2 failed, 0 skipped',
        "  ✕ test/e2e/broken.e2e-spec.ts: Cannot find module '../nowhere' from 'test/e2e/broken.e2e-spec.ts'",
        '321 passed, 2 failed, 0 skipped',
      ],
    });
  });

  it('counts a run Jest says failed, or was interrupted, though no test or file failed', () => {
    const ok = [file('test/e2e/a.e2e-spec.ts', 'passed', ['passed'])];
    expect(count({ fault: jestReport(ok, { success: false }) }).lines.slice(4)).toEqual([
      'fault: 1 passed, 1 failed, 0 skipped',
      '  ✕ Jest reported the run failed, though no test or file failed',
      '321 passed, 1 failed, 0 skipped',
    ]);
    expect(count({ fault: jestReport(ok, { success: false, wasInterrupted: true }) }).lines.slice(4, 7)).toEqual([
      'fault: 1 passed, 1 failed, 0 skipped',
      '  ✕ the run was interrupted',
      '  ✕ Jest reported the run failed, though no test or file failed',
    ]);
  });

  it("counts a missing report as a failure, and the vendor suites' failed and skipped assertions", () => {
    const result = count(
      { 'peer-postgres-microsoft': { passed: 100, failed: 5, skipped: 2 }, 'peer-pglite-okta': undefined },
      ['pglite'],
    );
    expect(result).toEqual({
      status: 1,
      lines: [
        'microsoft (pglite): 107 passed, 0 failed, 0 skipped',
        'okta (pglite): 0 passed, 1 failed, 0 skipped',
        '  ✕ no report (the suite did not complete)',
        'microsoft (postgres): 100 passed, 5 failed, 2 skipped',
        'okta (postgres): 53 passed, 0 failed, 0 skipped',
        'pglite: 0 passed, 1 failed, 0 skipped',
        '  ✕ no report (the run did not complete)',
        '260 passed, 7 failed, 2 skipped',
      ],
    });
  });
});
