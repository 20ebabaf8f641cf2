import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/** A real HTTP server standing in for an IdP's redirect URI (`callbackUrl`). */
export interface RedirectReceiver {
  callbackUrl: string;
  /** The query of each request to the callback, in order. */
  calls: URLSearchParams[];
  close(): Promise<void>;
}

/** Listens on a free loopback port; the callback answers a small page, anything else 404. */
export async function startRedirectReceiver(): Promise<RedirectReceiver> {
  const calls: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    calls.push(url.searchParams);
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>IdP callback</title><p>Authorization received.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    callbackUrl: `http://127.0.0.1:${port}/callback`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
