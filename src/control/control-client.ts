import { request } from 'node:http';
import { CommandFrame, CommandRequest, Holder } from './control-protocol';

/** How long a holder has to say who it is before it counts as not answering. */
const ANSWER_MS = 3000;

/** Nobody is bound to the socket: no file, or one a process that died left behind. */
function nobodyThere(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
}

export type Probe = { state: 'free' } | { state: 'held'; holder: Holder | undefined };

/** Who is bound to the socket at `path`: nobody (`free`), or a holder (undefined when it does not answer in time). */
export function probe(path: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: path, path: '/holder', method: 'GET', timeout: ANSWER_MS, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          try {
            resolve({ state: 'held', holder: JSON.parse(body) as Holder });
          } catch {
            resolve({ state: 'held', holder: undefined });
          }
        });
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({ state: 'held', holder: undefined });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (nobodyThere(error)) resolve({ state: 'free' });
      else if (error.code === 'ECONNRESET') resolve({ state: 'held', holder: undefined });
      else reject(error);
    });
    req.end();
  });
}

/**
 * Sends a command to the server bound to `path` and passes its output to `write` as it comes.
 * Resolves with the command's exit status and, when it failed, its error line.
 */
export function sendCommand(
  path: string,
  command: CommandRequest,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<{ exit: number; error?: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(command);
    const req = request(
      {
        socketPath: path,
        path: '/commands',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let pending = '';
        let end: { exit: number; error?: string } | undefined;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          pending += chunk;
          let newline: number;
          while ((newline = pending.indexOf('\n')) >= 0) {
            const frame = JSON.parse(pending.slice(0, newline)) as CommandFrame;
            pending = pending.slice(newline + 1);
            if ('out' in frame) write(frame.out);
            else end = frame;
          }
        });
        res.on('end', () =>
          resolve(
            end ?? { exit: 1, error: 'the server closed the connection before the command finished (was it stopped?)' },
          ),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error) => (signal.aborted ? undefined : reject(error)));
    // Stopping closes the connection: the server aborts the command (ends `logs --follow`).
    signal.addEventListener('abort', () => {
      req.destroy();
      resolve({ exit: 0 });
    });
    req.end(body);
  });
}
