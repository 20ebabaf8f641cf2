import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { freePort, processStore, ROOT, startBuiltServer } from '../support/process';

/** Runs `node dist/main.js` until it exits by itself (a start that fails), with its output. */
function startToExit(
  env: Record<string, string | undefined>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [process.env.SCIMD_MAIN ?? 'dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('close', (status) => {
      clearTimeout(deadline);
      resolve({ status, stdout, stderr });
    }),
  );
}

/** The contexts of the JSON log lines on stdout (what an operator scrolls through before the banner). */
function logContexts(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { context?: string }).context ?? '');
}

/**
 * The first start as an administrator meets it: what is on the screen when it works (the admin token
 * banner last, not behind Nest's module and route listings), and one line naming the variable when it
 * does not (no stack trace, no "started", the token not lost).
 */
describe('the first start', () => {
  const store = processStore('first-start');
  afterAll(() => store.remove());

  it('with its port in use: one line naming PORT; the admin token is shown on the next start, last, and works', async () => {
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    let failed: Awaited<ReturnType<typeof startToExit>>;
    try {
      failed = await startToExit({ ...store.env, PORT: String(port), LOG_LEVEL: 'info' });
    } finally {
      squatter.close();
    }
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe(
      `scimd cannot start: PORT ${port} is already in use on 127.0.0.1:${port} by another process: stop it, or set PORT to a free port\n`,
    );
    expect(failed.stdout).not.toMatch(/started|scimd_admin_|EADDRINUSE/);

    const server = await startBuiltServer({ ...store.env, LOG_LEVEL: 'info' });
    try {
      const output = server.output();
      const banner =
        /\n={78}\n {2}scimd generated an admin token\. It is shown only this once; store it now\.\n\n {4}(scimd_admin_[\w-]+)\n\n[\s\S]*\n={78}\n\n$/.exec(
          output,
        );
      expect(banner).not.toBeNull();
      const before = output.slice(0, banner!.index);
      expect(logContexts(before)).toEqual(['Database', 'scimd']);
      expect(before).toMatch(
        /"context":"scimd","msg":"started: listening on 127\.0\.0\.1:\d+; public URL http:\/\/localhost:\d+; OpenAPI explorer at http:\/\/localhost:\d+\/docs"\}\n$/,
      );
      const admin = await fetch(`http://127.0.0.1:${server.port}/admin/servers`, {
        headers: { authorization: `Bearer ${banner![1]}` },
      });
      expect(admin.status).toBe(200);
      expect(await admin.json()).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 180_000);

  it('keeps Nest’s module and route listings, at debug', async () => {
    const server = await startBuiltServer({ ...store.env, LOG_LEVEL: 'debug' });
    server.child.kill('SIGTERM');
    await server.exited;
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; context?: string; msg: string });
    const mapped = lines.filter((line) => line.context === 'RouterExplorer');
    expect(mapped.length).toBeGreaterThan(50);
    expect(new Set(mapped.map((line) => line.level))).toEqual(new Set([20]));
    expect(lines.find((line) => line.msg === 'Nest application successfully started')).toMatchObject({
      level: 20,
      context: 'NestApplication',
    });
  }, 120_000);

  describe('with a DATABASE_URL that does not work: one line naming it, exit 1, no stack trace, no "started", no password', () => {
    const expectOneLine = (result: Awaited<ReturnType<typeof startToExit>>, line: string): void => {
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: `${line}\n` });
      expect(result.stdout).not.toMatch(/started|s3cret/);
    };

    it('nothing listens at its port', async () => {
      const port = await freePort();
      const result = await startToExit({
        DATABASE_URL: `postgres://scimd:s3cret@127.0.0.1:${port}/scimd`,
        PORT: String(await freePort()),
      });
      expectOneLine(
        result,
        `scimd cannot start: DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port} (connection refused: is PostgreSQL running there, and are the host and port right?)`,
      );
    }, 120_000);

    it('it has no // after the scheme (postgres:foo)', async () => {
      const result = await startToExit({ DATABASE_URL: 'postgres:foo', PORT: String(await freePort()) });
      expectOneLine(
        result,
        'Invalid configuration: DATABASE_URL must be a URL starting with postgres:// or postgresql://',
      );
    }, 120_000);

    (process.env.DATABASE_URL ? it : it.skip)(
      'its database does not exist (on the PostgreSQL of the tests)',
      async () => {
        const url = new URL(process.env.DATABASE_URL!);
        const user = url.username || 'postgres';
        url.password = 's3cret';
        url.username = user;
        url.pathname = '/scimd_no_such_database';
        const result = await startToExit({ DATABASE_URL: url.toString(), PORT: String(await freePort()) });
        const at = `${url.hostname}:${url.port || 5432}`;
        expectOneLine(
          result,
          `scimd cannot start: DATABASE_URL: the database "scimd_no_such_database" does not exist on ${at}: create it (createdb -h ${url.hostname} -p ${url.port || 5432} -U ${user} scimd_no_such_database) or name an existing one`,
        );
      },
      120_000,
    );
  });
});
