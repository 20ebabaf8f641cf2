import { connect } from 'node:net';
import { processStore, RunningServer, startBuiltServer } from '../support/process';

/** Sends `head`, then one byte of `drip` every `everyMs`, until the server closes the connection. */
async function slowRequest(
  port: number,
  head: string,
  drip: string,
  everyMs: number,
): Promise<{ response: string; closedAfterMs: number; error: string }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const start = Date.now();
  let response = '';
  let error = '';
  socket.on('data', (d) => (response += d));
  socket.on('error', (e) => (error = e.message));
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.write(head);
  let i = 0;
  const timer = setInterval(() => {
    if (!socket.destroyed && i < drip.length) socket.write(drip[i++]);
  }, everyMs);
  // Not cut off within 8 s: the test ends the connection itself (and fails).
  const giveUp = setTimeout(() => {
    error = 'still open after 8 s';
    socket.destroy();
  }, 8_000);
  await closed;
  clearInterval(timer);
  clearTimeout(giveUp);
  return { response, closedAfterMs: Date.now() - start, error };
}

/**
 * A client that sends its request slowly — a body one byte at a time, as in issue 13 §2 (a byte every
 * 5 s was still open after 130 s) — is cut off after REQUEST_TIMEOUT_MS (short here): 408, closed.
 */
describe('request timeout', () => {
  const store = processStore('timeout');
  let server: RunningServer;

  beforeAll(async () => {
    server = await startBuiltServer({ ...store.env, LOG_LEVEL: 'warn', REQUEST_TIMEOUT_MS: '1500' });
  });

  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await store.remove();
  });

  const TIMEOUT_408 =
    'HTTP/1.1 408 Request Timeout\r\nContent-Length: 71\r\nContent-Type: application/json\r\n\r\n{"error":"Request Timeout","message":"Client Timeout","statusCode":408}';

  it('cuts off an unauthenticated body sent a byte a second: 408 and closed within the timeout (plus its check interval)', async () => {
    const head =
      'POST /admin/servers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
    const res = await slowRequest(server.port, head, '{"name":"'.padEnd(100, 'x'), 1_000);
    expect({ response: res.response, error: res.error }).toEqual({ response: TIMEOUT_408, error: '' });
    expect(res.closedAfterMs).toBeGreaterThanOrEqual(1_400);
    expect(res.closedAfterMs).toBeLessThanOrEqual(2_500);
  });

  it('cuts off headers sent a byte at a time the same way', async () => {
    const res = await slowRequest(server.port, 'GET /health/live HTTP/1.1\r\n', 'X-Slow: '.padEnd(100, 'y'), 200);
    expect({ response: res.response, error: res.error }).toEqual({ response: TIMEOUT_408, error: '' });
    expect(res.closedAfterMs).toBeLessThanOrEqual(2_500);
  });

  it('still answers a request sent whole within the timeout', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/health/live`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
