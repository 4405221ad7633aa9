import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A node of an exported n8n workflow. */
export interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  executeOnce?: boolean;
  webhookId?: string;
}

export interface N8nConnection {
  node: string;
  type: string;
  index: number;
}

/** A workflow as n8n 1.123 exports it (Workflows → Download) and imports it. */
export interface N8nWorkflow {
  name: string;
  nodes: N8nNode[];
  connections: Record<string, { main: N8nConnection[][] }>;
  settings?: { executionOrder?: string; timezone?: string };
}

/** The workflows shipped under docs/n8n/. */
export const WORKFLOW_FILES = ['daily-digest.json', 'analyse-and-poll.json'] as const;

export function readWorkflow(file: string): N8nWorkflow {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/n8n', file), 'utf8')) as N8nWorkflow;
}

/**
 * The node types the shipped workflows may use, with the typeVersions n8n 1.123's n8n-nodes-base
 * declares for them (read from its `*.node.js` descriptions).
 */
export const NODE_VERSIONS: Record<string, readonly number[]> = {
  'n8n-nodes-base.manualTrigger': [1],
  'n8n-nodes-base.scheduleTrigger': [1, 1.1, 1.2, 1.3],
  'n8n-nodes-base.set': [1, 2, 3, 3.1, 3.2, 3.3, 3.4],
  'n8n-nodes-base.httpRequest': [1, 2, 3, 4, 4.1, 4.2, 4.3],
  'n8n-nodes-base.code': [1, 2],
  'n8n-nodes-base.if': [1, 2, 2.1, 2.2, 2.3],
  'n8n-nodes-base.wait': [1, 1.1],
};

/** The scope an n8n expression reads: `$json`, `$('Node')`, `$today`, `$runIndex`, `$response`, … */
export type ExpressionScope = Record<string, unknown>;

/**
 * A parameter value as n8n resolves it: a string starting with `=` is a template whose `{{ … }}` parts
 * are JavaScript; a template that is one `{{ … }}` keeps its value's type, others become text.
 */
export function resolveParameter(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value !== 'string' || !value.startsWith('=')) return value;
  const template = value.slice(1);
  const whole = /^\{\{([\s\S]*?)\}\}$/.exec(template.trim());
  if (whole?.[1] !== undefined) return evaluate(whole[1], scope);
  return template.replace(/\{\{([\s\S]*?)\}\}/g, (_, expr: string) => String(evaluate(expr, scope)));
}

function evaluate(expression: string, scope: ExpressionScope): unknown {
  const names = Object.keys(scope);
  return new Function(...names, `return (${expression});`)(...names.map((n) => scope[n]));
}

/**
 * The part of Luxon's DateTime that the workflows use for `$today`, so a test fixes the day. why: n8n
 * hands expressions a Luxon DateTime; anything else a workflow calls on it fails here loudly.
 */
export function luxonDay(day: Date) {
  const at = (offsetDays: number) => luxonDay(new Date(day.getTime() + offsetDays * 86_400_000));
  return {
    minus: ({ days }: { days: number }) => at(-days),
    plus: ({ days }: { days: number }) => at(days),
    toFormat(format: string): string {
      if (format !== 'yyyy-MM-dd') throw new Error(`luxonDay: format ${format} is not supported`);
      return day.toISOString().slice(0, 10);
    },
  };
}
