import { isAbsolute, relative, resolve } from 'node:path';

/**
 * The embedded database's control socket: a Unix socket in DATA_DIR, mode 0600. The process bound to
 * it holds the embedded database alone (the kernel frees it when that process dies, however it
 * dies), tells who it is (`GET /holder`) and, when it is the server, runs CLI commands sent to it
 * (`POST /commands`), so that the CLI acts through the running server instead of opening the
 * database a second time.
 */
export const SOCKET_NAME = 'scimd.sock';

/** Who holds a data directory. */
export interface Holder {
  pid: number;
  role: 'server' | 'cli';
  /** The CLI command a `cli` holder runs (`logs Okta --follow`). */
  command?: string;
  startedAt: string;
}

/** A CLI command for the running server: the parsed command line, and the `--file` it read itself. */
export interface CommandRequest {
  key: string;
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  /** The text of `--file` (read by the CLI, in its own directory, or from its standard input). */
  input?: string;
}

/** The answer to a command, streamed as one JSON object per line: output as it comes, then the end. */
export type CommandFrame = { out: string } | { exit: number; error?: string };

/** Unix socket paths are limited to 107 bytes (103 on macOS): past that the path relative to the working directory is used. */
const MAX_SOCKET_PATH = 103;

export function socketPath(dataDir: string): string {
  const absolute = resolve(dataDir, SOCKET_NAME);
  if (Buffer.byteLength(absolute) <= MAX_SOCKET_PATH) return absolute;
  const near = relative(process.cwd(), absolute);
  if (!isAbsolute(near) && Buffer.byteLength(near) <= MAX_SOCKET_PATH) return near;
  throw new Error(
    `DATA_DIR ${dataDir} is too long a path for its control socket (${SOCKET_NAME}, at most ${MAX_SOCKET_PATH} bytes): choose a shorter DATA_DIR`,
  );
}

export function describeHolder(holder: Holder | undefined): string {
  if (!holder) return 'a process that does not answer';
  if (holder.role === 'server') return `the scimd server (pid ${holder.pid}, started ${holder.startedAt})`;
  return `the scimd command \`${holder.command ?? '?'}\` (pid ${holder.pid}, started ${holder.startedAt})`;
}
