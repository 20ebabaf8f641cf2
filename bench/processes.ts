import { ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

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
  return openSync(file, 'a');
}

/** Starts `node dist/main.js` in `cwd` with `env`; its output goes to `logFile`. */
export function startScimd(cwd: string, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const fd = logFd(logFile);
  const child = spawn(process.execPath, ['dist/main.js'], { cwd, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return child;
}

/** Polls `url` until it answers 200; fails when `child` exits or after `timeoutMs`. */
export async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
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
export function startBaseline(script: string, env: NodeJS.ProcessEnv, logFile: string, timeoutMs: number): Promise<ChildProcess> {
  const fd = logFd(logFile);
  const child = fork(script, [], { env, stdio: ['ignore', fd, fd, 'ipc'] });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the baseline server was not ready within ${timeoutMs / 1000} s`)), timeoutMs);
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
