import type { IngestResult } from '../../../src/app/ingest.ts';
import type { UsageInput } from '../../../src/normalize/usage.ts';

/** A ledger in memory that, like the store, keeps the first record of each id. */
export function ledger(start: UsageInput[] = []) {
  const records = new Map<string, UsageInput>(start.map((r) => [r.id ?? '', r]));
  const push = async (items: UsageInput[]): Promise<IngestResult> => {
    const fresh = items.filter((r) => !records.has(r.id ?? ''));
    for (const r of fresh) records.set(r.id ?? '', r);
    return { accepted: fresh.length, duplicates: items.length - fresh.length, rejected: [], unpriced: [] };
  };
  return { records, push };
}

/** Tokens per model as a user reads them: input without the cached part, cached, output, reasoning. */
export function perModel(records: Iterable<UsageInput>) {
  const totals: Record<string, { input: number; cached: number; output: number; reasoning: number }> = {};
  for (const r of records) {
    const t = totals[r.model ?? ''] ?? { input: 0, cached: 0, output: 0, reasoning: 0 };
    totals[r.model ?? ''] = t;
    t.input += r.inputTokens ?? 0;
    t.cached += r.cacheReadTokens ?? 0;
    t.output += r.outputTokens ?? 0;
    t.reasoning += r.reasoningTokens ?? 0;
  }
  return totals;
}

/** A `token_count` line as Codex appends it: running totals and the turn's own usage (input, cached, output, reasoning). */
export function tokenCountLine(timestamp: string, total: number[], last: number[]): string {
  const usage = ([input = 0, cached = 0, output = 0, reasoning = 0]: number[]) => ({
    input_tokens: input,
    cached_input_tokens: cached,
    output_tokens: output,
    reasoning_output_tokens: reasoning,
    total_tokens: input + output,
  });
  const info = {
    total_token_usage: usage(total),
    last_token_usage: usage(last),
    model_context_window: 272000,
  };
  return `${JSON.stringify({ timestamp, type: 'event_msg', payload: { type: 'token_count', info } })}\n`;
}
