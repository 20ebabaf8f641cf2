import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a browser test saves its screenshots. */
export interface Artifacts {
  dir: string;
  /** Removes the directory, unless it is BROWSER_ARTIFACTS (kept for a person to look at). */
  remove(): void;
}

/** A temporary directory of the test's own, or `$BROWSER_ARTIFACTS/<name>` when that is set. */
export function artifacts(name: string): Artifacts {
  const kept = process.env.BROWSER_ARTIFACTS;
  if (kept) {
    const dir = join(kept, name);
    mkdirSync(dir, { recursive: true });
    return { dir, remove: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), `scimd-browser-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
