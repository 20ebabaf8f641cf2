import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/process';

/**
 * scripts/build-stamp.js, which `npm start` and `npm run cli` ask before building: run as npm runs it
 * (from the project directory), on a throw-away project with a pretend build.
 */
describe('the build stamp (build only when the sources changed)', () => {
  const project = mkdtempSync(join(tmpdir(), 'scimd-stamp-'));
  const stamp = (command: string): { status: number | null; stderr: string } => {
    const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-stamp.js'), command], {
      cwd: project,
      encoding: 'utf8',
    });
    return { status: res.status, stderr: res.stderr };
  };
  const file = (path: string, text: string): void => {
    mkdirSync(join(project, path, '..'), { recursive: true });
    writeFileSync(join(project, path), text);
  };

  beforeAll(() => {
    file('src/main.ts', 'export const a = 1;\n');
    file('src/users/users.service.ts', 'export const b = 2;\n');
    file('migrations/1-Initial.ts', 'export const m = 1;\n');
    file('tsconfig.json', '{}\n');
    file('package-lock.json', '{}\n');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('is stale without a build, and without a stamp', () => {
    expect(stamp('check')).toEqual({
      status: 1,
      stderr: 'scimd: dist/main.js is missing; building (npm run build)…\n',
    });
    file('dist/main.js', '');
    file('dist/cli.js', '');
    mkdirSync(join(project, 'dist', 'migrations'));
    expect(stamp('check')).toEqual({
      status: 1,
      stderr: 'scimd: dist/ has no build stamp; building (npm run build)…\n',
    });
  });

  it('is fresh after a build, whatever the modification times say, and when only tests change', () => {
    expect(stamp('write')).toEqual({ status: 0, stderr: '' });
    expect(stamp('check')).toEqual({ status: 0, stderr: '' });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(project, 'src/main.ts'), later, later);
    file('src/users/users.service.spec.ts', 'it("x", () => undefined);\n');
    expect(stamp('check')).toEqual({ status: 0, stderr: '' });
  });

  it.each([
    ['a changed source', () => file('src/users/users.service.ts', 'export const b = 3;\n')],
    ['a new source', () => file('src/groups/groups.service.ts', 'export const g = 1;\n')],
    ['a new migration', () => file('migrations/2-Next.ts', 'export const n = 1;\n')],
    ['a changed tsconfig', () => file('tsconfig.json', '{"compilerOptions":{}}\n')],
    ['a changed lock file', () => file('package-lock.json', '{"lockfileVersion":3}\n')],
    ['a removed source', () => unlinkSync(join(project, 'src/users/users.service.ts'))],
  ])('is stale after %s, and fresh again once rebuilt', (_what, change) => {
    expect(stamp('check').status).toBe(0);
    change();
    expect(stamp('check')).toEqual({
      status: 1,
      stderr: 'scimd: the sources changed since the last build; building (npm run build)…\n',
    });
    stamp('write');
  });

  it('is stale when the build lost an output', () => {
    expect(stamp('check').status).toBe(0);
    unlinkSync(join(project, 'dist/cli.js'));
    expect(stamp('check')).toEqual({ status: 1, stderr: 'scimd: dist/cli.js is missing; building (npm run build)…\n' });
  });

  it('refuses an unknown command', () => {
    expect(stamp('now')).toEqual({
      status: 2,
      stderr: 'usage: node scripts/build-stamp.js check|write (from the project directory)\n',
    });
  });
});

describe('npm run cli on a built, unchanged tree', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scimd-stamp-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the command without building again', () => {
    // Never build under the other tests' feet: this test needs the tree as `npm run build` left it.
    const fresh = spawnSync(process.execPath, ['scripts/build-stamp.js', 'check'], { cwd: ROOT, encoding: 'utf8' });
    if (fresh.status !== 0) throw new Error(`run npm run build first (${fresh.stderr.trim()})`);
    const built = statSync(join(ROOT, 'dist', 'main.js')).mtimeMs;
    const res = spawnSync('npm', ['run', 'cli', '--silent', '--', 'servers', 'list'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect({ status: res.status, stdout: res.stdout, stderr: res.stderr }).toEqual({
      status: 0,
      stdout: '(none)\n',
      stderr: '',
    });
    expect(statSync(join(ROOT, 'dist', 'main.js')).mtimeMs).toBe(built);
  });
});
