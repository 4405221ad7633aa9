import { describe, expect, it } from 'vitest';
import { readCall } from '../../src/gateway/request.ts';

const read = (body: unknown, path = '/chat/completions', kind: 'openai' | 'anthropic' = 'openai') =>
  readCall(kind, 'POST', path, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
const sent = (body: unknown, path?: string) => JSON.parse(read(body, path).body.toString('utf8'));

describe('reading a call before it is forwarded', () => {
  it('reads model, stream and the first output cap given, leaving out fields not of their type', () => {
    expect(read({ model: 'gpt-4o', max_tokens: 64, max_completion_tokens: 9 })).toMatchObject({
      model: 'gpt-4o',
      stream: false,
      service: 'chat',
      maxTokens: 64,
      stripUsage: false,
    });
    expect(
      read({ model: 'gpt-4o', max_tokens: -1, max_completion_tokens: 2.5, max_output_tokens: 7 }).maxTokens,
    ).toBe(7);
    expect(read({ model: 'x'.repeat(201), max_tokens: 2 ** 53 }).model).toBeNull();
    expect(read({ model: 'x'.repeat(200), max_tokens: 2 ** 53 })).toMatchObject({
      model: 'x'.repeat(200),
      maxTokens: null,
    });
    expect(read({ model: 7, stream: 'yes', max_tokens: '5' })).toMatchObject({
      model: null,
      stream: false,
      maxTokens: null,
    });
  });

  it('forwards a body it cannot read as it came, unmetered fields and all', () => {
    for (const text of ['[1,2]', 'null', '"text"', '{"model":', '']) {
      const call = read(text);
      expect(call).toMatchObject({ model: null, stream: false, maxTokens: null, stripUsage: false });
      expect(call.body.toString('utf8')).toBe(text);
    }
    const models = readCall('openai', 'GET', '/models', null);
    expect(models).toMatchObject({ service: null, model: null, body: Buffer.alloc(0) });
  });

  it('passes a body unchanged unless it must ask OpenAI for a stream’s usage', () => {
    const asked = '{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true}}';
    expect(read(asked).body.toString('utf8')).toBe(asked);
    expect(read(asked).stripUsage).toBe(false);
    const anthropic = '{"model":"claude-sonnet-4-5","stream":true}';
    expect(read(anthropic, '/messages', 'anthropic').body.toString('utf8')).toBe(anthropic);
    expect(read({ model: 'gpt-4o', stream: true }, '/responses').stripUsage).toBe(false);
  });

  it('asks for usage, keeping the client’s other stream options, and replaces options it cannot read', () => {
    const plain = read({ model: 'gpt-4o', stream: true, messages: [] });
    expect(plain.stripUsage).toBe(true);
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual({
      model: 'gpt-4o',
      stream: true,
      messages: [],
      stream_options: { include_usage: true },
    });
    expect(sent({ stream: true, stream_options: { include_usage: false, other: 1 } }).stream_options).toEqual(
      {
        include_usage: true,
        other: 1,
      },
    );
    expect(sent({ stream: true, stream_options: null }).stream_options).toEqual({ include_usage: true });
    expect(sent({ stream: true, stream_options: { include_usage: 'yes', other: 1 } }).stream_options).toEqual(
      {
        include_usage: true,
      },
    );
    expect(sent({ stream: true, stream_options: [true] }).stream_options).toEqual({ include_usage: true });
    expect(sent({ stream: true }, '/completions').stream_options).toEqual({ include_usage: true });
  });
});
