import { ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function logFd(file: string): number {
  return openSync(file, 'w');
}

/**
 * Copies scimd's build to `to`, so that a rebuild of dist/ by someone else during the bench changes
 * neither the running server nor the SQL compilers it loads. Waits while dist/ is being rebuilt.
 */
export async function snapshotBuild(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    rmSync(to, { recursive: true, force: true });
    try {
      cpSync(from, to, { recursive: true });
      const migrations = join(to, 'migrations');
      const complete =
        ['main.js', 'scim/sql/compile-filter.js'].every((f) => existsSync(join(to, f))) &&
        existsSync(migrations) &&
        readdirSync(migrations).some((f) => f.endsWith('.js'));
      if (complete) return;
    } catch {
      // dist/ changed while being copied
    }
    if (attempt >= 60) throw new Error(`${from} holds no complete build of scimd (is it being rebuilt?)`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Starts `node [...nodeFlags] <main>` in `cwd` with `env`; its output goes to `logFile`. */
export function startScimd(
  cwd: string,
  main: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeFlags: string[] = [],
): ChildProcess {
  const fd = logFd(logFile);
  const child = spawn(process.execPath, [...nodeFlags, main], { cwd, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return child;
}

/** Polls `url` until it answers 200; fails when `child` exits or after `timeoutMs`. */
export async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Forks the compiled baseline server and waits for its readiness message. */
export function startBaseline(
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  timeoutMs: number,
): Promise<ChildProcess> {
  const fd = logFd(logFile);
  const child = fork(script, [], { env, stdio: ['ignore', fd, fd, 'ipc'] });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the baseline server was not ready within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    child.once('message', () => {
      clearTimeout(timer);
      resolve(child);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the baseline server exited (${code ?? signal})`));
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 20): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Waits until no other session runs a statement in the current database, three polls in a row: a
 * server keeps working through queued requests after the load generator has gone, and the next run
 * must not share the database with that tail. Returns the seconds waited.
 */
export async function waitForIdleDatabase(db: Client, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (quiet < 3 && Date.now() - started < timeoutMs) {
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()",
    );
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    if (quiet < 3) await new Promise((r) => setTimeout(r, 200));
  }
  return (Date.now() - started) / 1000;
}

/** The PostgreSQL backends connected to the current database. */
export async function backendPids(db: Client): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  return rows.map((r) => r.pid);
}
