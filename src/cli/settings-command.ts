import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error';

/** The JSON body of a `… set` command: from `--file <path>`, or standard input with `--file -`. */
export async function readJsonFile(file: unknown): Promise<unknown> {
  if (typeof file !== 'string') throw new CliError('--file <path.json> (or --file - for standard input) is required');
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
