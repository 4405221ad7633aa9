// What explains a reconciliation row's residue: the bill's credits apart from its charges, the bill's
// line items set against the matching part of the estimate, and the known causes of a difference.

/** One invoice line of a day, provider and project, as the provider wrote it. */
export interface BilledLine {
  day: string;
  provider: string;
  project: string | null;
  /** The line's text: a cost report description or a Costs API line item. */
  text: string;
  /** The model the line names, when the provider says (Anthropic `model`). */
  model: string | null;
  /** The provider's cost type (`web_search`), when it says. */
  costType: string | null;
  costMicros: bigint;
}

export const ESTIMATE_PARTS = ['tokens', 'web_search', 'file_search'] as const;
export type EstimatePart = (typeof ESTIMATE_PARTS)[number];

/** A part of the estimate of a day, provider, project and model. */
export interface EstimatedPart {
  day: string;
  provider: string;
  project: string | null;
  model: string;
  part: EstimatePart;
  /** Usage on Anthropic's Priority Tier, which is billed by commitment, outside the cost report. */
  priorityTier: boolean;
  costMicros: bigint;
}

export type LineKind = EstimatePart | 'other';

/** Billed against estimated for one line item; `estimatedMicros` is null when nothing in usage matches it. */
export interface LineItemVariance {
  item: string;
  kind: LineKind;
  model: string | null;
  billedMicros: bigint;
  estimatedMicros: bigint | null;
  varianceMicros: bigint | null;
  /** The invoice lines summed into this item. */
  lines: string[];
}

export const CAUSES = ['credits', 'priority_tier_not_billed', 'unpriced_usage', 'unmatched_lines'] as const;
export type CauseCode = (typeof CAUSES)[number];

export interface Cause {
  code: CauseCode;
  /** The money the cause accounts for (negative for credits); null when it cannot be known. */
  amountMicros: bigint | null;
  message: string;
}

const TOOL_ITEMS: Record<Exclude<EstimatePart, 'tokens'>, string> = {
  web_search: 'Web search',
  file_search: 'File search',
};

/** The kind of an invoice line, and the usage model it belongs to (the longest one its text or model starts with). */
export function classifyLine(line: BilledLine, models: string[]): { kind: LineKind; model: string | null } {
  const text = line.text.toLowerCase();
  if (line.costType === 'web_search' || /\bweb[ _-]?search/.test(text))
    return { kind: 'web_search', model: null };
  if (line.costType === 'file_search' || /\bfile[ _-]?search/.test(text))
    return { kind: 'file_search', model: null };
  const named = (line.model ?? line.text).toLowerCase();
  let best: string | null = null;
  for (const m of models) {
    if (named.startsWith(m.toLowerCase()) && (!best || m.length > best.length)) best = m;
  }
  return best ? { kind: 'tokens', model: best } : { kind: 'other', model: null };
}

/**
 * The line items of one row: per usage model its token lines against its token estimate, each tool's
 * lines against the tool fees in the estimate, and lines nothing in usage matches. Credits are left out
 * (they are shown apart). Sorted by the size of the variance, largest first.
 */
export function lineItems(charges: BilledLine[], parts: EstimatedPart[]): LineItemVariance[] {
  const models = [...new Set(parts.filter((p) => p.part === 'tokens').map((p) => p.model))];
  const items = new Map<string, LineItemVariance>();
  const itemOf = (key: string, kind: LineKind, model: string | null, label: string) => {
    let it = items.get(key);
    if (!it) {
      it = {
        item: label,
        kind,
        model,
        billedMicros: 0n,
        estimatedMicros: null,
        varianceMicros: null,
        lines: [],
      };
      items.set(key, it);
    }
    return it;
  };
  for (const p of parts) {
    if (p.costMicros === 0n) continue;
    const it =
      p.part === 'tokens'
        ? itemOf(`m:${p.model}`, 'tokens', p.model, p.model)
        : itemOf(p.part, p.part, null, TOOL_ITEMS[p.part]);
    it.estimatedMicros = (it.estimatedMicros ?? 0n) + p.costMicros;
  }
  for (const line of charges) {
    const { kind, model } = classifyLine(line, models);
    const it =
      kind === 'tokens' && model
        ? itemOf(`m:${model}`, kind, model, model)
        : kind === 'other'
          ? itemOf(`o:${line.text}`, kind, null, line.text)
          : itemOf(kind, kind, null, TOOL_ITEMS[kind as Exclude<LineKind, 'tokens' | 'other'>]);
    it.billedMicros += line.costMicros;
    if (!it.lines.includes(line.text)) it.lines.push(line.text);
  }
  const out = [...items.values()].map((it) => ({
    ...it,
    // why: an item with no usage behind it has no estimate to compare, not an estimate of zero.
    estimatedMicros: it.kind === 'other' ? null : (it.estimatedMicros ?? 0n),
    varianceMicros: it.kind === 'other' ? null : it.billedMicros - (it.estimatedMicros ?? 0n),
    lines: it.lines.sort(),
  }));
  const size = (it: LineItemVariance) => abs(it.varianceMicros ?? it.billedMicros);
  return out.sort((a, b) => cmp(size(b), size(a)) || a.item.localeCompare(b.item));
}

/** The known causes of a row's residue, in words. */
export function causes(input: {
  provider: string;
  creditsMicros: bigint;
  parts: EstimatedPart[];
  items: LineItemVariance[];
  unpricedRequests: number;
  money: (micros: bigint) => string;
}): Cause[] {
  const out: Cause[] = [];
  const { money } = input;
  if (input.creditsMicros !== 0n) {
    out.push({
      code: 'credits',
      amountMicros: input.creditsMicros,
      message: `credits of ${money(-input.creditsMicros)} on the bill, shown apart: the variance is on charges`,
    });
  }
  const priority = input.parts.filter((p) => p.priorityTier).reduce((s, p) => s + p.costMicros, 0n);
  if (priority !== 0n) {
    out.push({
      code: 'priority_tier_not_billed',
      amountMicros: priority,
      message: `${money(priority)} of the estimate is Priority Tier usage, billed by commitment and never in the cost report`,
    });
  }
  if (input.unpricedRequests > 0) {
    out.push({
      code: 'unpriced_usage',
      amountMicros: null,
      message: `${input.unpricedRequests} requests of models without a price are not in the estimate`,
    });
  }
  const unmatched = input.items.filter((it) => it.kind === 'other');
  if (unmatched.length) {
    const amount = unmatched.reduce((s, it) => s + it.billedMicros, 0n);
    out.push({
      code: 'unmatched_lines',
      amountMicros: amount,
      message: `${money(amount)} billed on lines no usage matches: ${unmatched.map((it) => it.item).join(', ')}`,
    });
  }
  return out;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
