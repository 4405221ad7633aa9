import type { AppContext } from '../context.ts';
import { listBudgets } from './manage.ts';

const MAX = 64;

/**
 * The id a budget named `name` gets when its creator gives none: lower case, other characters as "-",
 * at most 64 ("Team ML — Q4" → "team-ml-q4"); "-2", "-3"… when the id is taken.
 */
export function budgetIdFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX)
      .replace(/-+$/, '') || 'budget';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, MAX - String(n).length - 1)}-${n}`;
  return id;
}

/** A budget definition as given, with an id derived from its name when it has a name and no id. */
export async function withBudgetId(ctx: AppContext, org: string, raw: unknown): Promise<unknown> {
  if (typeof raw !== 'object' || raw === null || 'id' in raw) return raw;
  const name = (raw as { name?: unknown }).name;
  if (typeof name !== 'string' || name.trim() === '') return raw;
  const taken = new Set((await listBudgets(ctx, org)).map((b) => b.row.id));
  return { ...raw, id: budgetIdFromName(name, taken) };
}
