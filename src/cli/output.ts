import type { CliIo } from './cli-io';

/** Prints rows as JSON (--json) or as an aligned text table. */
export function printRows(io: Pick<CliIo, 'write' | 'json'>, rows: Record<string, unknown>[], columns: string[]): void {
  if (io.json) {
    io.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  if (rows.length === 0) {
    io.write('(none)\n');
    return;
  }
  const cell = (v: unknown): string =>
    v === null || v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  io.write(
    `${[line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n')}\n`,
  );
}

export function printObject(io: Pick<CliIo, 'write' | 'json'>, value: unknown): void {
  if (io.json) {
    io.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const width = Math.max(...entries.map(([k]) => k.length));
  for (const [k, v] of entries) {
    io.write(`${k.padEnd(width)}  ${v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}\n`);
  }
}
