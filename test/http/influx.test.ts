import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TOKEN, type TestApp, testEngines } from '../helpers/app.ts';

const engines = await testEngines('the InfluxDB write route on PostgreSQL');

describe.each(engines)('POST /api/v2/write (InfluxDB line protocol) on %s', (engine) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, engine);
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => t.close());

  // As an InfluxDB client writes: `Authorization: Token …`, text body, org and bucket in the query.
  const write = (body: string | Buffer, query = 'precision=s', headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v2/write?org=acme&bucket=ai&${query}`, {
      method: 'POST',
      headers: {
        authorization: `Token ${TEST_TOKEN}`,
        'content-type': 'text/plain; charset=utf-8',
        ...headers,
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const usage = async (filter: string) => {
    const res = await fetch(`${base}/api/v1/usage?from=2025-11-01&to=2025-11-04&${filter}`, {
      headers: t.auth,
    });
    return (await res.json()).records as Record<string, unknown>[];
  };

  it('answers 204 and lands ai_costs points with their cost, attribution and tags', async () => {
    const res = await write(
      [
        'ai_costs,model=gpt-4o,user_id=ana,project_id=search,env=prod tokens=1500i,cost=0.0375 1762077600',
        'ai_costs,provider=azure-openai,model=gpt-4o,user_id=bo,project_id=ads,currency=EUR tokens=10i,cost=1.25 1762077600',
        'cpu,host=web-1 usage_idle=92.5 1762077600',
      ].join('\n'),
    );
    expect(res.status).toBe(204);
    const [ana] = await usage('user=ana');
    expect(ana).toMatchObject({
      source: 'influx',
      provider: 'openai',
      model: 'gpt-4o',
      project: 'search',
      tags: { env: 'prod' },
      inputTokens: 1500,
      cost: '0.037500',
      currency: 'USD',
      costKind: 'billed',
    });
    expect((await usage('user=bo'))[0]).toMatchObject({
      provider: 'azure-openai',
      cost: '1.250000',
      currency: 'EUR',
    });
  });

  it('keeps the good lines of a mixed body and names each bad line in a 400, as InfluxDB does', async () => {
    const res = await write(
      [
        'ai_costs,model=gpt-4o-mini,user_id=mixed tokens=100i,cost=0.01 1762081200',
        'ai_costs,model=gpt-4o-mini,user_id=mixed tokens=',
        'ai_costs,user_id=mixed tokens=5i,cost=0.5 1762081200',
        'ai_costs,model=claude-sonnet-4,user_id=mixed,project_id=web tokens=1i,cost=0.02 1762081200',
        'ai_costs,model=gpt-4o,user_id=mixed tokens=-3i 1762081200',
      ].join('\n'),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('invalid');
    expect(body.message).toMatch(/^partial write error \(2 written\)/);
    expect(body.message).toContain(
      "line 2: unable to parse 'ai_costs,model=gpt-4o-mini,user_id=mixed tokens=': missing field value",
    );
    expect(body.message).toContain('line 3: model:');
    expect(body.message).toContain('line 5: inputTokens: must not be negative');
    const kept = await usage('user=mixed');
    expect(kept.map((r) => r.model).sort()).toEqual(['claude-sonnet-4', 'gpt-4o-mini']);
  });

  it('stores the same point twice once, and points that differ only in tags apart', async () => {
    const line = 'ai_costs,model=gpt-4o,user_id=twice,project_id=a tokens=1i,cost=0.1 1762084800';
    expect((await write(line)).status).toBe(204);
    expect((await write(`${line}\n${line}`)).status).toBe(204);
    expect(await usage('user=twice')).toHaveLength(1);
    await write(line.replace('project_id=a', 'project_id=b'));
    expect(await usage('user=twice')).toHaveLength(2);
  });

  it('reads precision, takes gzip bodies, and prices points that carry no cost', async () => {
    const body = gzipSync(
      'ai_costs,model=claude-sonnet-4,user_id=zip input_tokens=100000i,output_tokens=10000i 1762088400000',
    );
    expect((await write(body, 'precision=ms', { 'content-encoding': 'gzip' })).status).toBe(204);
    const [zip] = await usage('user=zip');
    // claude-sonnet-4: $3 per 1M input + $15 per 1M output (under the long-context tier)
    expect(zip).toMatchObject({
      timestamp: '2025-11-02T13:00:00.000Z',
      costKind: 'estimated',
      cost: '0.450000',
    });
    const bad = await write('ai_costs,model=m cost=1 1', 'precision=h');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'invalid', message: expect.stringContaining('precision "h"') });
    expect((await write(Buffer.from('not gzip'), 'precision=s', { 'content-encoding': 'gzip' })).status).toBe(
      400,
    );
  });

  it('needs the token, as a Token or Bearer header, and answers in InfluxDB shape', async () => {
    const none = await fetch(`${base}/api/v2/write?bucket=ai`, {
      method: 'POST',
      body: 'ai_costs,model=m cost=1',
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'unauthorized' });
    const wrong = await write('ai_costs,model=m cost=1', 'precision=s', { authorization: 'Token nope' });
    expect(wrong.status).toBe(401);
    const bearer = await write(
      'ai_costs,model=gpt-4o,user_id=bearer cost=1 1762077600',
      'precision=s',
      t.auth,
    );
    expect(bearer.status).toBe(204);
    expect((await write('')).status).toBe(400);
  });
});
