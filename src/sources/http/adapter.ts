import type { z } from 'zod';
import type { UsageInput } from '../../normalize/usage.ts';
import type { HttpClient } from './client.ts';
import { PullError } from './errors.ts';

/** Bucket widths the provider APIs offer. */
export type Width = '1h' | '1d';

/** One span of time to fetch, aligned to its width. */
export interface PullWindow {
  from: Date;
  to: Date;
  width: Width;
}

/** What an adapter gets for one fetch: where, with which key, through which client. */
export interface PullContext {
  sourceId: string;
  baseUrl: URL;
  key: string;
  http: HttpClient;
  settings: Record<string, unknown>;
  /**
   * What the adapter learned about the source and keeps between syncs (which of two APIs its key
   * reaches); stored with the source's state, `detail` shown in its status.
   */
  notes?: Record<string, string>;
}

/** An activity as a feed reports it, before the app stores it. */
export interface ActivityInput {
  id: string;
  user: string;
  context: string;
  project?: string | null;
  start: string;
  end: string;
}

export interface PullResult {
  usage: UsageInput[];
  activities: ActivityInput[];
  /**
   * Id prefixes for which `usage` is all the window holds (a seat's days): stored records of the source
   * in the window with such an id that were not returned are removed. Absent: records are only added
   * or replaced.
   */
  replaces?: string[];
}

/** A stream of one source (OpenAI usage, OpenAI costs): its own cursor, widths and overlap. */
export interface StreamSpec {
  name: string;
  /** Width for recent data, and for the backfill (the same when the API offers only one). */
  recent: Width;
  backfill: Width;
  /** How far back each sync re-fetches, because providers revise recent buckets. */
  overlapMs: number;
}

/**
 * A pull source: one folder under `sources/` exports one. `fetch` returns every page of one window or
 * throws a `PullError`; it never returns part of a window.
 */
export interface SourceAdapter {
  kind: string;
  defaultBaseUrl: string;
  streams: StreamSpec[];
  fetch(ctx: PullContext, stream: string, window: PullWindow): Promise<PullResult>;
}

/** Validates a raw page; a page that does not fit fails the whole window with the first few issues. */
export function parsePage<T extends z.ZodType>(schema: T, raw: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(page)'}: ${i.message}`)
    .join('; ');
  throw new PullError('schema', `${where} sent a page spendlens cannot read (${issues})`);
}

/** Follows `next_page` cursors until `has_more` is false; `MAX_PAGES` guards against a cursor that loops. */
export async function allPages<P extends { has_more: boolean; next_page: string | null }>(
  first: URL,
  load: (url: URL) => Promise<P>,
): Promise<P[]> {
  const pages: P[] = [];
  let url: URL | null = first;
  while (url) {
    const page: P = await load(url);
    pages.push(page);
    if (pages.length >= MAX_PAGES)
      throw new PullError('schema', `${first.pathname} kept paging past ${MAX_PAGES} pages`);
    url = page.has_more && page.next_page ? withParam(first, 'page', page.next_page) : null;
  }
  return pages;
}

const MAX_PAGES = 1_000;

function withParam(url: URL, key: string, value: string): URL {
  const next = new URL(url);
  next.searchParams.set(key, value);
  return next;
}

/** `base` + `path`, keeping a path prefix in the base (`https://proxy/openai/v1` + `organization/costs`). */
export function endpoint(base: URL, path: string): URL {
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return new URL(`${prefix}${path}`, base);
}
