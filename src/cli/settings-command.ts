import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error';

/**
 * The text of `--file <path>` (or standard input with `--file -`), read where the CLI runs: in its
 * own working directory, also when the command then runs inside the server.
 */
export async function readInputFile(file: unknown): Promise<string> {
  if (typeof file !== 'string') throw new CliError('--file <path.json> (or --file - for standard input) is required');
  try {
    return file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The JSON body of a `… set` command, from the text `readInputFile` read. */
export function parseJsonInput(file: unknown, input: string | undefined): unknown {
  if (input === undefined) throw new CliError('--file <path.json> (or --file - for standard input) is required');
  try {
    return JSON.parse(input);
  } catch (error) {
    throw new CliError(`${String(file)} is not JSON: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
