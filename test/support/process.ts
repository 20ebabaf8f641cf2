import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

export const ROOT = join(__dirname, '..', '..');

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Where a spawned scimd keeps its data: a data directory of its own, and on PostgreSQL a schema of its own. */
export interface ProcessStore {
  dataDir: string;
  schema: string;
  /** DATA_DIR, DATABASE_URL and DATABASE_SCHEMA for the process's environment. */
  env: { DATA_DIR: string; DATABASE_URL: string | undefined; DATABASE_SCHEMA: string | undefined };
  /** Deletes the directory and the schema (call it in afterAll, once the process has stopped). */
  remove(): Promise<void>;
}

export function processStore(prefix: string): ProcessStore {
  const dataDir = mkdtempSync(join(tmpdir(), `scimd-${prefix}-`));
  const schema = `${prefix.replace(/\W/g, '_')}_${randomBytes(6).toString('hex')}`;
  const url = process.env.DATABASE_URL;
  return {
    dataDir,
    schema,
    env: { DATA_DIR: dataDir, DATABASE_URL: url, DATABASE_SCHEMA: url ? schema : undefined },
    async remove() {
      rmSync(dataDir, { recursive: true, force: true });
      if (!url) return;
      const ds = new DataSource({ type: 'postgres', url });
      await ds.initialize();
      await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ds.destroy();
    },
  };
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts the built server (`node dist/main.js`, or SCIMD_MAIN: another build, to check a test against
 * the code before a fix) and waits until /health/ready answers 200. It listens on `env.PORT` when
 * given (to set PUBLIC_URL to match), else on a free port; gives up after `readyWithinMs`.
 */
export async function startBuiltServer(
  env: Record<string, string | undefined>,
  readyWithinMs = 30_000,
): Promise<RunningServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [process.env.SCIMD_MAIN ?? 'dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${readyWithinMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, output: () => output, exited };
}

/** Runs the built CLI to completion. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
