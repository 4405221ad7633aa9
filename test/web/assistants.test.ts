import { describe, expect, it } from 'vitest';
import type { SpendRow } from '../../web/src/api/types.ts';
import { assistantSpend, toolName } from '../../web/src/pages/assistants/assistants.ts';

const row = (
  user: string | null,
  agent: string | null,
  cost: string,
  requests: number | string = 1,
): SpendRow => ({
  user,
  'tag:agent': agent,
  cost,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  requests,
  unpricedRequests: 0,
});

describe('spend per person across coding assistants', () => {
  it('adds each person exactly across tools, most spent first, leaving out usage no assistant made', () => {
    const spend = assistantSpend([
      row('ben@example.com', 'cursor', '0.100000'),
      row('ana@example.com', 'claude-code', '0.100000'),
      row('ana@example.com', 'cursor', '0.200000'),
      row('cal@example.com', null, '99.000000'),
      row('ben@example.com', 'claude-code', '0.300000', 2),
    ]);
    // 0.1 + 0.2 as floats is 0.30000000000000004: the sum stays exact.
    expect(spend.people).toEqual([
      {
        user: 'ben@example.com',
        byTool: { cursor: '0.100000', 'claude-code': '0.300000' },
        total: '0.400000',
        requests: 3n,
      },
      {
        user: 'ana@example.com',
        byTool: { 'claude-code': '0.100000', cursor: '0.200000' },
        total: '0.300000',
        requests: 2n,
      },
    ]);
    expect(spend.tools).toEqual([
      { agent: 'claude-code', total: '0.400000', people: 2 },
      { agent: 'cursor', total: '0.300000', people: 2 },
    ]);
    expect(spend.total).toBe('0.700000');
  });

  it('keeps usage no one is named on as its own row, last among equals', () => {
    const spend = assistantSpend([
      row(null, 'copilot', '1.000000'),
      row('zed@example.com', 'copilot', '1.000000'),
    ]);
    expect(spend.people.map((p) => p.user)).toEqual(['zed@example.com', null]);
    expect(spend.tools).toEqual([{ agent: 'copilot', total: '2.000000', people: 2 }]);
  });

  it('counts requests past 2^53 exactly and keeps credits (negative) in the sum', () => {
    const spend = assistantSpend([
      row('ana@example.com', 'codex', '5.000000', '9007199254740993'),
      row('ana@example.com', 'codex', '-1.500000', 1),
    ]);
    expect(spend.people[0]).toMatchObject({ total: '3.500000', requests: 9007199254740994n });
  });

  it('is empty when nothing came through an assistant', () => {
    expect(assistantSpend([row('cal@example.com', null, '3.000000')])).toEqual({
      tools: [],
      people: [],
      total: '0.000000',
    });
  });

  it('names the tools people know, and an unknown agent as tagged', () => {
    expect(['claude-code', 'cursor', 'copilot', 'codex', 'gemini-cli', 'aider'].map(toolName)).toEqual([
      'Claude Code',
      'Cursor',
      'GitHub Copilot',
      'Codex',
      'Gemini CLI',
      'aider',
    ]);
  });
});
