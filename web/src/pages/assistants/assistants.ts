import type { Count, SpendRow } from '../../api/types.ts';
import { fromMicros, toMicros } from '../../lib/decimal.ts';

/** The tag the coding-assistant sources put on every record they book (`claude-code`, `cursor`, …). */
export const AGENT_TAG = 'tag:agent';

const TOOL_NAMES: Record<string, string> = {
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  copilot: 'GitHub Copilot',
  codex: 'Codex',
  'gemini-cli': 'Gemini CLI',
};

/** A tool's display name; an agent spendlens has no name for shows as it was tagged. */
export const toolName = (agent: string): string => TOOL_NAMES[agent] ?? agent;

/** One person's spend across the coding assistants, exact. */
export interface PersonSpend {
  /** The `user` value, or null when the tool did not say who. */
  user: string | null;
  /** Cost per agent as a decimal string; an agent the person did not use is absent. */
  byTool: Record<string, string>;
  total: string;
  requests: bigint;
}

export interface AssistantSpend {
  /** Agents, most spent first. */
  tools: { agent: string; total: string; people: number }[];
  /** People, most spent first; ties by name. */
  people: PersonSpend[];
  total: string;
}

const count = (n: Count): bigint => BigInt(typeof n === 'number' ? Math.trunc(n) : n);

/**
 * Spend per person and tool from `GET /api/v1/spend?groupBy=user,tag:agent`. Rows without an agent
 * are the team's own API usage and are left out; sums stay in integer micros.
 */
export function assistantSpend(rows: SpendRow[]): AssistantSpend {
  const people = new Map<string, { user: string | null; byTool: Map<string, bigint>; requests: bigint }>();
  const tools = new Map<string, { micros: bigint; people: Set<string> }>();
  for (const row of rows) {
    const agent = row[AGENT_TAG];
    if (typeof agent !== 'string' || agent === '') continue;
    const user = typeof row.user === 'string' ? row.user : null;
    const key = user ?? '\u0000none';
    const micros = toMicros(row.cost);
    const person = people.get(key) ?? { user, byTool: new Map(), requests: 0n };
    person.byTool.set(agent, (person.byTool.get(agent) ?? 0n) + micros);
    person.requests += count(row.requests);
    people.set(key, person);
    const tool = tools.get(agent) ?? { micros: 0n, people: new Set() };
    tool.micros += micros;
    tool.people.add(key);
    tools.set(agent, tool);
  }
  const byMicros = (a: bigint, b: bigint) => (a === b ? 0 : a > b ? -1 : 1);
  const list = [...people.values()].map((p) => {
    const total = [...p.byTool.values()].reduce((s, m) => s + m, 0n);
    return { p, total };
  });
  list.sort(
    (a, b) => byMicros(a.total, b.total) || (a.p.user ?? '\uffff').localeCompare(b.p.user ?? '\uffff'),
  );
  const toolList = [...tools.entries()].sort(
    (a, b) => byMicros(a[1].micros, b[1].micros) || a[0].localeCompare(b[0]),
  );
  return {
    tools: toolList.map(([agent, t]) => ({ agent, total: fromMicros(t.micros), people: t.people.size })),
    people: list.map(({ p, total }) => ({
      user: p.user,
      byTool: Object.fromEntries([...p.byTool.entries()].map(([a, m]) => [a, fromMicros(m)])),
      total: fromMicros(total),
      requests: p.requests,
    })),
    total: fromMicros(toolList.reduce((s, [, t]) => s + t.micros, 0n)),
  };
}
