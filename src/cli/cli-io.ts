/**
 * Where a CLI command writes and when it must stop. In the CLI's own process that is its standard
 * output; in the running server (a command sent over the control socket) it is the CLI's connection.
 */
export interface CliIo {
  json: boolean;
  write(text: string): void;
  /** Aborted when the user stops the command (Ctrl-C, or the CLI's connection closing). */
  signal: AbortSignal;
  /** `server`: the command runs inside the running server, which holds the embedded database. */
  where: 'cli' | 'server';
}
