import { chmodSync, lstatSync, mkdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../config/app-config';
import { probe } from './control-client';
import { CommandFrame, CommandRequest, describeHolder, Holder, socketPath } from './control-protocol';

/** Another process holds the data directory; the message names the directory and the process. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: Holder | undefined,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by ${describeHolder(holder)}: the embedded database belongs to one process at a time. ` +
        'Stop that one first, or give this one another DATA_DIR (several instances share a database only on PostgreSQL: DATABASE_URL)',
    );
  }
}

/** Runs one command sent by the CLI; `write` streams its output back, `signal` aborts when the CLI goes away. */
export type CommandRunner = (
  command: CommandRequest,
  write: (text: string) => void,
  signal: AbortSignal,
) => Promise<{ exit: number; error?: string }>;

const MAX_COMMAND_BYTES = 8 * 1024 * 1024;
/** A takeover mutex older than this was left by a process that died in the middle of one. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * The claim on a data directory: the control socket bound. `serve` starts accepting CLI commands
 * (the server calls it once it can run them); `release` unbinds and removes the socket.
 */
export class DataDirClaim {
  private runner: CommandRunner | undefined;

  constructor(
    private readonly server: Server,
    readonly path: string,
    private readonly inode: number,
    readonly holder: Holder,
  ) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.answer(req, res));
  }

  serve(runner: CommandRunner): void {
    this.runner = runner;
  }

  async release(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Only our own socket: after `kill -9` and a new claim the path may already be another process's.
    try {
      if (statSync(this.path).ino === this.inode) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET' && req.url === '/holder') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.holder));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/commands') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const send = (frame: CommandFrame): boolean => !res.destroyed && res.write(`${JSON.stringify(frame)}\n`);
    const command = await readCommand(req);
    if (!this.runner || !command) {
      send({
        exit: 1,
        error: command
          ? `${describeHolder(this.holder)} runs no commands (it is still starting, or is a CLI command itself): try again in a moment`
          : 'the command sent was not understood (a CLI of another scimd version?)',
      });
      res.end();
      return;
    }
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const end = await this.runner(command, (text) => void send({ out: text }), aborted.signal);
    send(end);
    res.end();
  }
}

async function readCommand(req: IncomingMessage): Promise<CommandRequest | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_COMMAND_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CommandRequest;
    return typeof parsed.key === 'string' && Array.isArray(parsed.positionals) && typeof parsed.values === 'object'
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/** Binds the socket with mode 0600 from the start (the umask covers the moment between bind and chmod). */
function bind(server: Server, path: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      resolve(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(undefined);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    const umask = process.umask(0o177);
    try {
      server.listen(path);
    } finally {
      process.umask(umask);
    }
  });
}

/**
 * Takes a dead holder's socket over. Two processes may find the same dead socket at once: the one
 * that makes the takeover directory removes and rebinds; the other waits and looks again (and then
 * finds the winner alive). A takeover directory left by a process that died in between goes stale.
 */
async function takeOver(server: Server, path: string): Promise<'bound' | 'retry'> {
  const mutex = `${path}.takeover`;
  try {
    mkdirSync(mutex);
  } catch {
    try {
      if (Date.now() - statSync(mutex).mtimeMs > TAKEOVER_STALE_MS) rmdirSync(mutex);
    } catch {
      // removed meanwhile
    }
    await sleep(50);
    return 'retry';
  }
  try {
    if ((await probe(path)).state === 'held') return 'retry';
    const found = lstatSync(path, { throwIfNoEntry: false });
    if (found && !found.isSocket())
      throw new Error(`${path} exists and is not a socket: remove it (scimd keeps its control socket there)`);
    if (found) unlinkSync(path);
    const error = await bind(server, path);
    if (error?.code === 'EADDRINUSE') return 'retry';
    if (error) throw error;
    return 'bound';
  } finally {
    rmdirSync(mutex);
  }
}

/** The data directory a process must claim before opening the database: none on PostgreSQL or in memory. */
export function claimableDataDir(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>): string | undefined {
  return config.databaseUrl || config.dataDir.startsWith('memory://') ? undefined : config.dataDir;
}

/**
 * Claims `dataDir` for this process, or throws DataDirInUse naming the process that holds it. A
 * process that died (even by `kill -9`) holds nothing: its socket file is left, but nobody answers
 * on it, and it is taken over.
 */
export async function claimDataDir(dataDir: string, holder: Pick<Holder, 'role' | 'command'>): Promise<DataDirClaim> {
  mkdirSync(dataDir, { recursive: true });
  const path = socketPath(dataDir);
  const me: Holder = { pid: process.pid, ...holder, startedAt: new Date().toISOString() };
  const server = createServer();
  for (let attempt = 0; attempt < 100; attempt++) {
    const error = await bind(server, path);
    if (error && error.code !== 'EADDRINUSE') throw error;
    if (error) {
      const found = await probe(path);
      if (found.state === 'held') throw new DataDirInUse(dataDir, found.holder);
      if ((await takeOver(server, path)) === 'retry') continue;
    }
    chmodSync(path, 0o600);
    return new DataDirClaim(server, path, statSync(path).ino, me);
  }
  throw new DataDirInUse(dataDir, undefined);
}
