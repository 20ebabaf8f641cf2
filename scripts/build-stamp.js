#!/usr/bin/env node
'use strict';
/**
 * Whether dist/ was built from the sources as they are now, so that `npm start` and `npm run cli`
 * rebuild only when something changed (a full build takes 15–45 s, a CLI command a few).
 *
 *   node scripts/build-stamp.js check   exit 0 when dist/ is fresh; else 1 (and say why on stderr)
 *   node scripts/build-stamp.js write   after a build: record the sources it was built from
 *
 * The stamp (dist/.build-stamp) is a SHA-256 of every input of the build — the paths and contents
 * of src/ (without the tests the build leaves out), migrations/, the tsconfig files, nest-cli.json
 * and package-lock.json — not of modification times, which a checkout, a copy or an archive may set
 * to anything. A build that fails leaves no stamp (`nest build` empties dist/ first), so the next
 * command builds again.
 */
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** The project: npm runs scripts from the package's directory. */
const ROOT = process.cwd();
const STAMP = join(ROOT, 'dist', '.build-stamp');
/** What the build must have produced besides the stamp. */
const OUTPUTS = ['dist/main.js', 'dist/cli.js', 'dist/migrations'];
const FILES = [
  'tsconfig.json',
  'tsconfig.build.json',
  'migrations/tsconfig.json',
  'nest-cli.json',
  'package-lock.json',
];
const TREES = ['src', 'migrations'];
/** tsconfig.build.json's exclude: these never reach dist/. */
const NOT_BUILT = /\.(spec|fixture)\.ts$/;

function filesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile() && !NOT_BUILT.test(entry.name)) found.push(path);
  }
  return found;
}

function sourceHash() {
  const hash = createHash('sha256');
  const files = [...FILES.filter((f) => existsSync(join(ROOT, f))), ...TREES.flatMap(filesUnder)].sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function staleReason() {
  const missing = OUTPUTS.find((output) => !existsSync(join(ROOT, output)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(STAMP)) return 'dist/ has no build stamp';
  if (readFileSync(STAMP, 'utf8').trim() !== sourceHash()) return 'the sources changed since the last build';
  return undefined;
}

const command = process.argv[2];
if (command === 'write') {
  writeFileSync(STAMP, `${sourceHash()}\n`);
} else if (command === 'check') {
  const reason = staleReason();
  if (reason) {
    process.stderr.write(`scimd: ${reason}; building (npm run build)…\n`);
    process.exit(1);
  }
} else {
  process.stderr.write('usage: node scripts/build-stamp.js check|write (from the project directory)\n');
  process.exit(2);
}
