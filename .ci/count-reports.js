#!/usr/bin/env node
/**
 * The count of a CI run (`.ci/run`'s last line): `node .ci/count-reports.js <reports dir> <jest report>…`.
 *
 * Reads, from the reports directory:
 * - `peer-<engine>-<suite>.json` for each engine (pglite, postgres) and vendor suite (microsoft, okta):
 *   `{ passed, failed, skipped }`, written by test/peer/vendor-suites.peer-spec.ts;
 * - `<name>.json` for each Jest report named on the command line (Jest's `--json` output).
 *
 * A Jest file can fail with none of its tests failing — it failed to run (an import that throws), or
 * a hook failed after its tests passed (`afterAll`) — and Jest then exits 1 with `numFailedTests` 0:
 * each such file counts as one failure, and a report saying `success: false` with no failure found
 * counts as one too. A missing report (the run did not complete) is one failure. Skipped and to-do
 * tests are shown apart, as are the vendor suites' skipped assertions.
 *
 * Prints one line per report, then `N passed, N failed, N skipped`; exits 1 when anything failed.
 */
const fs = require('node:fs');
const path = require('node:path');

const ENGINES = ['pglite', 'postgres'];
const SUITES = ['microsoft', 'okta'];

/** The counts of one Jest report, with the files that failed outside any test. */
function countJest(report) {
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'),
  );
  let failed = report.numFailedTests + brokenFiles.length;
  const notes = brokenFiles.map(
    (file) =>
      `  ✕ ${path.relative(process.cwd(), file.name)}: ${firstLine(file.testExecError?.message ?? file.message)}`,
  );
  if (report.wasInterrupted) notes.push('  ✕ the run was interrupted');
  if ((report.success === false || report.wasInterrupted) && failed === 0) {
    failed = 1;
    notes.push('  ✕ Jest reported the run failed, though no test or file failed');
  }
  return {
    passed: report.numPassedTests,
    failed,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    notes,
  };
}

/** The first line of a Jest failure message that says something (its messages open with blank lines and "●"). */
function firstLine(message) {
  const lines = String(message ?? 'failed')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('●'));
  return lines[0] ?? 'failed';
}

function readJson(file) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** The report lines and the totals of the reports in `dir`. */
function countReports(dir, jestReports) {
  const lines = [];
  const total = { passed: 0, failed: 0, skipped: 0 };
  const add = (label, counts) => {
    lines.push(
      `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
      ...(counts.notes ?? []),
    );
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  };
  for (const engine of ENGINES) {
    for (const suite of SUITES) {
      const report = readJson(path.join(dir, `peer-${engine}-${suite}.json`));
      if (report === undefined)
        add(`${suite} (${engine})`, {
          passed: 0,
          failed: 1,
          skipped: 0,
          notes: ['  ✕ no report (the suite did not complete)'],
        });
      else add(`${suite} (${engine})`, { passed: report.passed, failed: report.failed, skipped: report.skipped ?? 0 });
    }
  }
  for (const name of jestReports) {
    const report = readJson(path.join(dir, `${name}.json`));
    if (report === undefined)
      add(name, { passed: 0, failed: 1, skipped: 0, notes: ['  ✕ no report (the run did not complete)'] });
    else add(name, countJest(report));
  }
  lines.push(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return { lines, total };
}

module.exports = { countJest, countReports };

if (require.main === module) {
  const [dir, ...jestReports] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node .ci/count-reports.js <reports dir> <jest report name>…');
    process.exit(2);
  }
  const { lines, total } = countReports(dir, jestReports);
  console.log(lines.join('\n'));
  process.exit(total.failed > 0 ? 1 : 0);
}
