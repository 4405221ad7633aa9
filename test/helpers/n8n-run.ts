import { type ExpressionScope, luxonDay, type N8nNode, type N8nWorkflow, resolveParameter } from './n8n.ts';

type Item = { json: Record<string, unknown> };

/** One HTTP request a node made, with the answer it got. */
export interface HttpCall {
  node: string;
  method: string;
  url: string;
  body: unknown;
  status: number;
  response: unknown;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export interface RunOptions {
  /** `$today`: midnight UTC of the day the run happens. */
  today: Date;
  /** Header Auth credentials by name, as the user creates them in n8n. */
  credentials: Record<string, { name: string; value: string }>;
  /** Sends a request; the test routes it to the app or stands in for Slack. */
  send(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: unknown;
  }): Promise<HttpAnswer>;
  /** What a Wait node waits, in ms, whatever it says (the test's poll interval). */
  waitMs?: number;
}

/** What a run did: every HTTP call, and each node's output items of its last run. */
export interface RunResult {
  calls: HttpCall[];
  outputs: Map<string, Item[]>;
}

const MAX_STEPS = 200;
const HTTP_PARAMETERS = new Set([
  'method',
  'url',
  'authentication',
  'genericAuthType',
  'sendQuery',
  'queryParameters',
  'sendHeaders',
  'headerParameters',
  'sendBody',
  'specifyBody',
  'jsonBody',
  'options',
]);

/**
 * Runs a workflow from its Manual Trigger as n8n does for the node types the docs' workflows use: Set,
 * HTTP Request (header auth, query, JSON body, parameter pagination), Code (all items), If, Wait.
 * why: CI has no n8n; parameters this runner does not know fail the run instead of being skipped.
 */
export async function runWorkflow(wf: N8nWorkflow, options: RunOptions): Promise<RunResult> {
  const byName = new Map(wf.nodes.map((n) => [n.name, n]));
  const outputs = new Map<string, Item[]>();
  const runs = new Map<string, number>();
  const calls: HttpCall[] = [];
  const start = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
  if (!start) throw new Error(`${wf.name}: no Manual Trigger`);
  const stack: { node: N8nNode; items: Item[] }[] = [{ node: start, items: [{ json: {} }] }];
  for (let step = 0; stack.length > 0; step++) {
    if (step >= MAX_STEPS) throw new Error(`${wf.name}: over ${MAX_STEPS} node runs`);
    const { node, items } = stack.pop()!;
    const runIndex = runs.get(node.name) ?? 0;
    runs.set(node.name, runIndex + 1);
    const scope: ExpressionScope = {
      $: (name: string) => nodeAccess(outputs, name),
      $today: luxonDay(options.today),
      $runIndex: runIndex,
    };
    const out = await runNode(node, node.executeOnce ? items.slice(0, 1) : items, scope, options, calls);
    outputs.set(node.name, out.flat());
    const targets = wf.connections[node.name]?.main ?? [];
    // why: a stack, so the first connection runs first; pushed in reverse.
    for (let i = targets.length - 1; i >= 0; i--) {
      const branch = out[i] ?? [];
      if (branch.length === 0) continue;
      for (const c of [...(targets[i] ?? [])].reverse()) {
        const next = byName.get(c.node);
        if (!next) throw new Error(`${node.name} connects to a missing node ${c.node}`);
        stack.push({ node: next, items: branch });
      }
    }
  }
  return { calls, outputs };
}

function nodeAccess(outputs: Map<string, Item[]>, name: string) {
  const items = outputs.get(name);
  if (!items) throw new Error(`$('${name}') read before ${name} ran`);
  return { all: () => items, first: () => items[0], last: () => items[items.length - 1], item: items[0] };
}

async function runNode(
  node: N8nNode,
  items: Item[],
  scope: ExpressionScope,
  options: RunOptions,
  calls: HttpCall[],
): Promise<Item[][]> {
  const p = node.parameters;
  switch (node.type) {
    case 'n8n-nodes-base.manualTrigger':
      return [items];
    case 'n8n-nodes-base.set':
      return [items.map((item) => ({ json: assign(p, { ...scope, $json: item.json }) }))];
    case 'n8n-nodes-base.httpRequest': {
      const out: Item[] = [];
      for (const item of items)
        out.push(...(await request(node, { ...scope, $json: item.json }, options, calls)));
      return [out];
    }
    case 'n8n-nodes-base.code': {
      if (p.mode !== 'runOnceForAllItems') throw new Error(`${node.name}: mode ${String(p.mode)}`);
      const input = { all: () => items, first: () => items[0], last: () => items[items.length - 1] };
      const AsyncFunction = (async () => {}).constructor as new (
        ...args: string[]
      ) => (...a: unknown[]) => Promise<Item[]>;
      return [
        await new AsyncFunction('$input', '$', '$today', String(p.jsCode))(input, scope.$, scope.$today),
      ];
    }
    case 'n8n-nodes-base.if': {
      const kept = items.map((item) => passes(p, { ...scope, $json: item.json }));
      return [items.filter((_, i) => kept[i]), items.filter((_, i) => !kept[i])];
    }
    case 'n8n-nodes-base.wait':
      await new Promise((r) => setTimeout(r, options.waitMs ?? 20));
      return [items];
    default:
      throw new Error(`${node.name}: the runner does not know ${node.type}`);
  }
}

/** A Set node (v3.4, manual mode): only the assigned fields, typed as declared. */
function assign(p: Record<string, unknown>, scope: ExpressionScope): Record<string, unknown> {
  const list = (p.assignments as { assignments: { name: string; value: unknown; type: string }[] })
    .assignments;
  const json: Record<string, unknown> = {};
  for (const a of list) {
    const value = resolveParameter(a.value, scope);
    json[a.name] = a.type === 'string' ? String(value) : a.type === 'number' ? Number(value) : value;
  }
  return json;
}

interface Condition {
  leftValue: unknown;
  rightValue: unknown;
  operator: { type: string; operation: string };
}

/** An If node (v2): its conditions joined by `and` or `or`, compared with strict types. */
function passes(p: Record<string, unknown>, scope: ExpressionScope): boolean {
  const { conditions, combinator } = p.conditions as { conditions: Condition[]; combinator: 'and' | 'or' };
  const results = conditions.map((c) => {
    const left = resolveParameter(c.leftValue, scope);
    const right = resolveParameter(c.rightValue, scope);
    if (typeof left !== c.operator.type) throw new Error(`If: ${String(left)} is not a ${c.operator.type}`);
    switch (c.operator.operation) {
      case 'equals':
        return left === right;
      case 'notEquals':
        return left !== right;
      case 'gte':
        return (left as number) >= (right as number);
      case 'lt':
        return (left as number) < (right as number);
      default:
        throw new Error(`If: operation ${c.operator.operation} is not supported`);
    }
  });
  return combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
}

type NameValues = { parameters: { name: string; value: unknown; type?: string }[] };

/** An HTTP Request node (v4.2) for one item: every page of its pagination, one item per page. */
async function request(
  node: N8nNode,
  scope: ExpressionScope,
  options: RunOptions,
  calls: HttpCall[],
): Promise<Item[]> {
  const p = node.parameters;
  for (const key of Object.keys(p)) if (!HTTP_PARAMETERS.has(key)) throw new Error(`${node.name}: ${key}?`);
  const { pagination, ...otherOptions } = (p.options ?? {}) as { pagination?: { pagination: Pagination } };
  if (Object.keys(otherOptions).length) throw new Error(`${node.name}: options ${Object.keys(otherOptions)}`);
  const method = String(p.method ?? 'GET');
  const base = new URL(String(resolveParameter(p.url, scope)));
  if (p.sendQuery) {
    for (const q of (p.queryParameters as NameValues).parameters)
      base.searchParams.set(q.name, String(resolveParameter(q.value, scope)));
  }
  const headers: Record<string, string> = {};
  if (p.sendHeaders) {
    for (const h of (p.headerParameters as NameValues).parameters)
      headers[h.name] = String(resolveParameter(h.value, scope));
  }
  if (p.authentication !== undefined) {
    if (p.authentication !== 'genericCredentialType' || p.genericAuthType !== 'httpHeaderAuth')
      throw new Error(`${node.name}: authentication ${String(p.authentication)}`);
    const name = node.credentials?.httpHeaderAuth?.name ?? '';
    const credential = options.credentials[name];
    if (!credential) throw new Error(`${node.name}: no Header Auth credential named "${name}"`);
    headers[credential.name] = credential.value;
  }
  let body: unknown;
  if (p.sendBody) {
    if (p.specifyBody !== 'json') throw new Error(`${node.name}: body ${String(p.specifyBody)}`);
    const raw = resolveParameter(p.jsonBody, scope);
    body = typeof raw === 'string' ? JSON.parse(raw) : raw;
  }
  const pages: Item[] = [];
  const url = new URL(base);
  for (let page = 0; ; page++) {
    const answer = await options.send({ method, url: url.toString(), headers, body });
    calls.push({
      node: node.name,
      method,
      url: url.toString(),
      body,
      status: answer.status,
      response: answer.body,
    });
    if (answer.status < 200 || answer.status > 299) throw new Error(`${node.name}: HTTP ${answer.status}`);
    const bodies = Array.isArray(answer.body) ? answer.body : [answer.body];
    pages.push(...bodies.map((json) => ({ json: json as Record<string, unknown> })));
    if (!pagination) return pages;
    const next = nextPage(pagination.pagination, {
      ...scope,
      $response: { body: answer.body, statusCode: answer.status },
      $pageCount: page + 1,
    });
    if (next === null || page + 1 >= pagination.pagination.maxRequests) return pages;
    for (const [name, value] of Object.entries(next)) url.searchParams.set(name, value);
  }
}

interface Pagination {
  paginationMode: string;
  parameters: NameValues;
  paginationCompleteWhen: string;
  completeExpression: string;
  limitPagesFetched: boolean;
  maxRequests: number;
}

/** The query of the next page, or null when the complete expression says the last page came. */
function nextPage(p: Pagination, scope: ExpressionScope): Record<string, string> | null {
  if (p.paginationMode !== 'updateAParameterInEachRequest' || p.paginationCompleteWhen !== 'other')
    throw new Error(`pagination ${p.paginationMode}/${p.paginationCompleteWhen} is not supported`);
  if (resolveParameter(p.completeExpression, scope) === true) return null;
  const query: Record<string, string> = {};
  for (const q of p.parameters.parameters) {
    if (q.type !== 'qs') throw new Error(`pagination parameter in ${q.type}`);
    query[q.name] = String(resolveParameter(q.value, scope));
  }
  return query;
}
