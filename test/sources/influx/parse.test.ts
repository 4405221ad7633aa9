import { describe, expect, it } from 'vitest';
import { inferProvider, parseLine, readLineProtocol } from '../../../src/sources/influx/index.ts';

const NOW = new Date('2026-11-02T12:00:00Z');

describe('line protocol parsing', () => {
  it('reads measurement, tags, typed fields and timestamp', () => {
    const r = parseLine(
      'ai_costs,model=gpt-4o,user_id=ana tokens=1200i,cost=0.0345,note="hi",ok=t 1762077600',
    );
    expect(r).toEqual({
      ok: true,
      point: {
        measurement: 'ai_costs',
        tags: { model: 'gpt-4o', user_id: 'ana' },
        fields: {
          tokens: { kind: 'integer', text: '1200', value: 1200 },
          cost: { kind: 'float', text: '0.0345', value: 0.0345 },
          note: { kind: 'string', text: 'hi', value: 'hi' },
          ok: { kind: 'boolean', text: 't', value: true },
        },
        timestamp: '1762077600',
      },
    });
  });

  it('undoes the escapes of measurement, tag keys and values, field keys and string fields', () => {
    const r = parseLine(
      String.raw`ai\ costs,project_id=web\,api,team\=x=a\ b,path=C:\dir cost\ usd=1,msg="say \"hi\" \\ bye"`,
    );
    expect(r.ok && r.point).toMatchObject({
      measurement: 'ai costs',
      tags: { project_id: 'web,api', 'team=x': 'a b', path: String.raw`C:\dir` },
      fields: { 'cost usd': { value: 1 }, msg: { value: String.raw`say "hi" \ bye` } },
      timestamp: null,
    });
  });

  it('keeps spaces and commas inside quoted string fields', () => {
    const r = parseLine('ai_costs,model=m note="a, b c=d",tokens=1u 5');
    expect(r.ok && r.point.fields).toMatchObject({
      note: { value: 'a, b c=d' },
      tokens: { kind: 'uinteger' },
    });
  });

  it.each([
    ['ai_costs', 'missing fields'],
    ['ai_costs,model=gpt-4o', 'missing fields'],
    ['ai_costs,model= tokens=1i', 'missing tag value'],
    ['ai_costs tokens=', 'missing field value'],
    ['ai_costs tokens=12x', 'invalid field value'],
    ['ai_costs tokens=1.5i', 'invalid integer'],
    ['ai_costs note="open', 'unbalanced quotes'],
    ['ai_costs tokens=1i 12:00', 'bad timestamp'],
  ])('rejects %j (%s)', (line, message) => {
    const r = parseLine(line);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(message);
  });
});

describe('ai_costs points as usage', () => {
  it('maps tags and fields, skips comments and other measurements, names bad lines', () => {
    const body = [
      '# a comment',
      'ai_costs,model=claude-sonnet-4,user_id=ana,project_id=search,env=prod,currency=EUR tokens=100i,cost=0.5 1762077600000',
      'cpu,host=a usage=0.5 1762077600000',
      'ai_costs,model=gpt-4o input_tokens=10i,output_tokens=5i,cache_read_tokens=2i 1762077600000',
      'garbage',
      '',
    ].join('\n');
    const batch = readLineProtocol(body, 'ms', NOW);
    expect(batch.ignored).toBe(1);
    expect(batch.lines).toEqual([2, 4]);
    expect(batch.errors).toEqual([{ line: 5, text: 'garbage', message: 'missing fields' }]);
    expect(batch.items[0]).toMatchObject({
      timestamp: '2025-11-02T10:00:00.000Z',
      provider: 'anthropic',
      model: 'claude-sonnet-4',
      user: 'ana',
      project: 'search',
      tags: { env: 'prod' },
      inputTokens: 100,
      cost: '0.5',
      costKind: 'billed',
      currency: 'EUR',
    });
    expect(batch.items[1]).toMatchObject({
      provider: 'openai',
      inputTokens: 10,
      outputTokens: 5,
      cacheReadTokens: 2,
    });
    expect(batch.items[1]).not.toHaveProperty('cost');
  });

  it('gives the same point the same id, and points with other tags or times other ids', () => {
    const ids = (body: string) => readLineProtocol(body, 's', NOW).items.map((i) => i.id);
    const [a, b, c, d] = ids(
      [
        'ai_costs,model=m,user_id=ana cost=1 1762077600',
        'ai_costs,user_id=ana,model=m cost=2 1762077600',
        'ai_costs,model=m,user_id=bo cost=1 1762077600',
        'ai_costs,model=m,user_id=ana cost=1 1762077601',
      ].join('\n'),
    );
    expect(a).toBe(b);
    expect(new Set([a, c, d]).size).toBe(3);
  });

  it('reads each precision, and takes the time of arrival when a point has none', () => {
    const at = (precision: 'ns' | 'us' | 'ms' | 's', ts: string) =>
      readLineProtocol(`ai_costs,model=m cost=1 ${ts}`, precision, NOW).items[0]?.timestamp;
    expect(at('ns', '1762077600123456789')).toBe('2025-11-02T10:00:00.123Z');
    expect(at('us', '1762077600123456')).toBe('2025-11-02T10:00:00.123Z');
    expect(at('s', '1762077600')).toBe('2025-11-02T10:00:00.000Z');
    expect(readLineProtocol('ai_costs,model=m cost=1', 'ns', NOW).items[0]?.timestamp).toBe(
      NOW.toISOString(),
    );
    expect(
      readLineProtocol('ai_costs,model=m cost=1 9999999999999999999', 's', NOW).errors[0]?.message,
    ).toContain('out of range');
  });

  it('infers the provider from the model name', () => {
    expect(
      ['gpt-4o', 'o3-mini', 'text-embedding-3-small', 'claude-opus-4', 'gemini-2.5-pro', 'llama-3'].map(
        inferProvider,
      ),
    ).toEqual(['openai', 'openai', 'openai', 'anthropic', 'google', 'unknown']);
  });
});
