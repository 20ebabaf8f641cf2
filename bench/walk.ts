import { percentile, Target } from './workload';

/**
 * Paging through every user, as an IdP's import or a reconciliation job does: one client, pages of
 * PAGE_SIZE, each page asked for after the previous one answered. What matters is whether a late
 * page costs what an early one does, so each walk reports the median time of its first and of its
 * last EDGE_PAGES pages and their ratio. startIndex walks jump to the last pages instead of walking
 * the middle (their cost depends on the offset alone); a cursor can only be followed, so the cursor
 * walk goes through every page (skipped above MAX_CURSOR_PAGES pages).
 */
export const PAGE_SIZE = 100;
const EDGE_PAGES = 10;
const MAX_CURSOR_PAGES = 2000;

export type WalkKind = 'cursor' | 'startIndex';

export interface WalkResult {
  target: Target['name'];
  kind: WalkKind;
  /** Pages read; undefined when the walk was skipped (see `skipped`). */
  pages?: number;
  firstP50?: number;
  lastP50?: number;
  /** Seconds for the pages read. */
  seconds?: number;
  skipped?: string;
  failed?: string;
}

interface Page {
  totalResults?: number;
  Resources?: unknown[];
  nextCursor?: string;
}

async function getPage(target: Target, query: string): Promise<{ ms: number; page: Page }> {
  const started = performance.now();
  const res = await fetch(`${target.origin}/scim/v2/${target.serverId}/Users?${query}`, {
    headers: { authorization: `Bearer ${target.token}`, accept: 'application/scim+json' },
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${text.slice(0, 200)}`);
  return { ms, page: JSON.parse(text) as Page };
}

const median = (values: number[]): number | undefined =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** Walks the target's users (as many as it counts now: the bench's writes add some) in `kind` pages. */
export async function walk(target: Target, kind: WalkKind): Promise<WalkResult> {
  try {
    const users = (await getPage(target, 'count=0')).page.totalResults ?? 0;
    const pages = Math.ceil(users / PAGE_SIZE);
    const started = performance.now();
    if (kind === 'startIndex') {
      const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
      const firstPages = range(0, Math.min(EDGE_PAGES, pages));
      const lastPages = range(Math.max(0, pages - EDGE_PAGES), pages);
      const times = new Map<number, number>();
      for (const i of new Set([...firstPages, ...lastPages])) {
        const { ms, page } = await getPage(target, `startIndex=${i * PAGE_SIZE + 1}&count=${PAGE_SIZE}`);
        if ((page.Resources?.length ?? 0) === 0) throw new Error(`page ${i + 1} of ${pages} is empty`);
        times.set(i, ms);
      }
      const of = (indexes: number[]) => indexes.map((i) => times.get(i) ?? NaN);
      return {
        target: target.name,
        kind,
        pages: times.size,
        firstP50: median(of(firstPages)),
        lastP50: median(of(lastPages)),
        seconds: (performance.now() - started) / 1000,
      };
    }
    if (pages > MAX_CURSOR_PAGES)
      return {
        target: target.name,
        kind,
        skipped: `${pages.toLocaleString('en-US')} pages (over ${MAX_CURSOR_PAGES.toLocaleString('en-US')})`,
      };
    const times: number[] = [];
    let cursor = '';
    for (;;) {
      const { ms, page } = await getPage(target, `cursor=${encodeURIComponent(cursor)}&count=${PAGE_SIZE}`);
      times.push(ms);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
      if (times.length > pages) throw new Error(`more than ${pages} pages: the cursor does not end`);
    }
    if (times.length !== pages) throw new Error(`${times.length} pages instead of ${pages}`);
    return {
      target: target.name,
      kind,
      pages: times.length,
      firstP50: median(times.slice(0, EDGE_PAGES)),
      lastP50: median(times.slice(-EDGE_PAGES)),
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    return { target: target.name, kind, failed: error instanceof Error ? error.message : String(error) };
  }
}

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function walkSection(results: WalkResult[]): string[] {
  if (results.length === 0) return [];
  const rows = results.map((r) => {
    const name = `${r.target}, ${r.kind === 'cursor' ? 'cursor (RFC 9865)' : 'startIndex'}`;
    if (r.failed) return `| ${name} | failed: ${r.failed.replace(/\|/g, '\\|')} | | | | |`;
    if (r.skipped) return `| ${name} | skipped: ${r.skipped} | | | | |`;
    const ratio = r.firstP50 && r.lastP50 ? `${fmt(r.lastP50 / r.firstP50, 2)}×` : '–';
    return `| ${name} | ${fmt(r.pages, 0)} | ${fmt(r.firstP50, 2)} | ${fmt(r.lastP50, 2)} | ${ratio} | ${fmt(r.seconds)} |`;
  });
  return [
    '## Paging through every user',
    '',
    `One client reads every user (the seeded ones and those the write runs created) in pages of ${PAGE_SIZE}, each page after the previous one answered, as an import does. The median time of the first ${EDGE_PAGES} and of the last ${EDGE_PAGES} pages, and their ratio: 1× means a late page costs what an early one does. startIndex walks read the first and the last pages only (an offset's cost does not depend on the pages before it); the cursor walk follows every \`nextCursor\`. scimd answers every page with the exact \`totalResults\` (a count of the server's users); the baseline too.`,
    '',
    '| walk | pages read | first pages p50 ms | last pages p50 ms | last / first | seconds |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ];
}
