// The other spellings of a usage record's fields that clients send, and the check that no field is dropped.
import { isCurrency } from '../domain/currency.ts';
import type { FieldError } from '../domain/errors.ts';
import { closeEnough, nearest } from '../lib/nearest.ts';

/**
 * Documented aliases and the field each stands for. The providers' snake_case usage fields keep
 * spendlens's meaning: `input_tokens` excludes cache tokens, as Anthropic counts it (OpenAI counts cached
 * tokens inside its `input_tokens`: subtract them and send them as `cache_read_input_tokens`).
 * `tokens_in`, `tokens_out`, `user_id`, `project_id` are the cost tracker feed's spellings.
 */
export const FIELD_ALIASES: ReadonlyMap<string, string> = new Map([
  ['input_tokens', 'inputTokens'],
  ['output_tokens', 'outputTokens'],
  ['cache_read_input_tokens', 'cacheReadTokens'],
  ['cache_creation_input_tokens', 'cacheWriteTokens'],
  ['reasoning_tokens', 'reasoningTokens'],
  ['reasoning_output_tokens', 'reasoningTokens'],
  ['tokens_in', 'inputTokens'],
  ['tokens_out', 'outputTokens'],
  ['user_id', 'user'],
  ['project_id', 'project'],
]);

/** The field a column or key stands for: its alias target, else itself. */
export function canonicalName(key: string): string {
  return FIELD_ALIASES.get(key) ?? key;
}

/** `cost_usd`, `cost_eur`, …: the cost tracker feed's amount, which also sets `currency`. */
const COST_ALIAS = /^cost_([a-z]{3})$/i;

// why: these look like fields we take but mean something else; a guess by spelling would book wrong tokens.
// (Maps, not object literals: a record's key such as `__proto__` or `constructor` must not find a prototype's.)
const HINTS: ReadonlyMap<string, string> = new Map([
  [
    'prompt_tokens',
    'OpenAI counts cached tokens inside it: send inputTokens without them and cacheReadTokens',
  ],
  ['completion_tokens', 'send it as outputTokens'],
  ['total_tokens', 'not stored: send inputTokens and outputTokens'],
  ['input_tokens_details', 'send its cached_tokens as cacheReadTokens and take them out of inputTokens'],
  ['prompt_tokens_details', 'send its cached_tokens as cacheReadTokens and take them out of inputTokens'],
  ['output_tokens_details', 'send its reasoning_tokens as reasoningTokens'],
]);

const MAX_UNKNOWN_ERRORS = 10;

type CanonicalResult =
  | { ok: true; value: unknown; sentAs: ReadonlyMap<string, string> }
  | { ok: false; errors: FieldError[] };

interface Sent {
  key: string;
  value: unknown;
}

/**
 * Renames aliases to the fields in `known` and refuses every other field, with the nearest known name
 * as a suggestion. An alias given beside its field (or beside another alias of it) must agree with it.
 * `sentAs` maps a field back to the alias it came as, so later errors name what the client wrote.
 */
export function canonicalFields(raw: unknown, known: ReadonlySet<string>): CanonicalResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: true, value: raw, sentAs: new Map() };
  const keys = Object.keys(raw);
  // why: ingest runs this per record; records written with the canonical names pass without a copy.
  if (keys.every((key) => known.has(key))) return { ok: true, value: raw, sentAs: new Map() };
  const fields = new Map<string, Sent[]>();
  const add = (field: string, sent: Sent) => fields.set(field, [...(fields.get(field) ?? []), sent]);
  const errors: FieldError[] = [];
  let unknown = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const alias = FIELD_ALIASES.get(key);
    const currency = COST_ALIAS.exec(key)?.[1]?.toUpperCase();
    if (known.has(key)) add(key, { key, value });
    else if (alias) add(alias, { key, value });
    else if (currency && isCurrency(currency)) {
      add('cost', { key, value });
      add('currency', { key, value: currency });
    } else if (currency)
      errors.push({ path: short(key), message: `${currency} is not an ISO 4217 currency code` });
    else if (++unknown <= MAX_UNKNOWN_ERRORS) errors.push(unknownField(key, known));
  }
  if (unknown > MAX_UNKNOWN_ERRORS)
    errors.push({ path: '(record)', message: `and ${unknown - MAX_UNKNOWN_ERRORS} more unknown fields` });
  const value: Record<string, unknown> = {};
  const sentAs = new Map<string, string>();
  for (const [field, sent] of fields) {
    const [first, ...others] = sent as [Sent, ...Sent[]];
    const clash = others.find((other) => !same(field, first.value, other.value));
    if (clash) errors.push(conflict(field, first, clash));
    const own = sent.find((s) => s.key === field);
    if (!own) sentAs.set(field, first.key);
    value[field] = (own ?? first).value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value, sentAs };
}

/** Every spelling a client may use: the known fields, the aliases and one `cost_<currency>`. */
function spellings(known: ReadonlySet<string>): string[] {
  return [...known, ...FIELD_ALIASES.keys(), 'cost_usd'];
}

function unknownField(key: string, known: ReadonlySet<string>): FieldError {
  // why: an error's path must name something, and `""` is how the empty name reads in the JSON sent.
  const name = short(key);
  const path = key === '' ? '""' : name;
  const hint = HINTS.get(key);
  if (hint) return { path, message: `unknown field "${name}": ${hint}` };
  const guess = nearest(key, spellings(known), { maxDistance: closeEnough(key), key: fold });
  const tail = guess ? `; did you mean ${guess}?` : '; see the UsageInput fields in /api/docs';
  return { path, message: `unknown field "${name}"${tail}` };
}

function conflict(field: string, a: Sent, b: Sent): FieldError {
  const alias = b.key === field ? a : b;
  const other = alias === a ? b : a;
  return {
    path: short(alias.key),
    message: `${show(alias.value)} disagrees with ${other.key} ${show(other.value)}: send one of them`,
  };
}

// why: `tokens_in: "1000"` from a CSV column and `inputTokens: 1000` say the same; currency case does not matter.
function same(field: string, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (field === 'currency' && typeof a === 'string' && typeof b === 'string')
    return a.trim().toUpperCase() === b.trim().toUpperCase();
  const numeric = (x: unknown) => (typeof x === 'number' || typeof x === 'string') && x !== '';
  return numeric(a) && numeric(b) && Number.isFinite(Number(a)) && Number(a) === Number(b);
}

/** Case, `_` and `-` folded away, so `Output_Tokens` is near `outputTokens`. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

function short(text: string, max = 64): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function show(value: unknown): string {
  return short(JSON.stringify(value) ?? String(value), 40);
}
