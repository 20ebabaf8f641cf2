import { randomBytes } from 'node:crypto';
import { freePort, processStore, startBuiltServer } from '../../support/process';

/** A built scimd process for a browser to talk to, with a known admin token. */
export interface Scimd {
  /** Its address, also its PUBLIC_URL: the URLs it hands out are the ones a browser opens. */
  base: string;
  adminToken: string;
  /** A call to the admin API with the admin token: status and parsed JSON body. */
  admin<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  output(): string;
  /** SIGTERM, wait for the exit, then remove its data directory (or PostgreSQL schema). */
  stop(): Promise<void>;
}

/**
 * Starts `node dist/main.js` on a free port, on the embedded database (PostgreSQL when DATABASE_URL is
 * set). Allow 90 s for it (a loaded machine starts slowly) in a beforeAll with as long a timeout.
 */
export async function startScimd(): Promise<Scimd> {
  const store = processStore('browser');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const adminToken = `scimd_admin_${randomBytes(24).toString('base64url')}`;
  let server;
  try {
    server = await startBuiltServer(
      { ...store.env, PORT: String(port), PUBLIC_URL: base, ADMIN_TOKEN: adminToken },
      90_000,
    );
  } catch (error) {
    await store.remove();
    throw error;
  }
  const running = server;
  return {
    base,
    adminToken,
    async admin(method, path, body) {
      const res = await fetch(`${base}/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    output: running.output,
    async stop() {
      running.child.kill('SIGTERM');
      await running.exited;
      await store.remove();
    },
  };
}
