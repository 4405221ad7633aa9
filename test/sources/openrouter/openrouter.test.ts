import { fixture, type Recorded } from '../../helpers/replay-server.ts';
import { revise, runReplaySuite } from '../replay-suite.ts';

const page = (name: string) => fixture('openrouter', name);
const KEYS: Record<string, string> = {
  '3f2a9c41d7e85b06f1c2d3e4a5b6c7d8e9f00112233445566778899aabbccdd0': 'alice',
  '7c0e5d19b2a4f6e8d0c1b2a3f4e5d6c7b8a9001122334455667788990aabbcc1': 'ci',
  e12b7f0a9c8d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f: 'bob',
};
const WITH_DATA = ['2026-11-01-alice', '2026-11-01-ci', '2026-11-02-bob'];

/** Three keys over two pages (bob's disabled); activity for alice and ci on Nov 1 and bob on Nov 2. */
function serve(req: Recorded, revised: boolean) {
  if (req.path === '/v1/keys') {
    const offset = req.query.get('offset');
    return { body: offset === '0' ? page('keys-page1') : offset === '2' ? page('keys-page2') : { data: [] } };
  }
  if (req.path !== '/v1/activity')
    return { status: 404, body: { error: { code: 404, message: 'Not Found' } } };
  const name = `${req.query.get('date')}-${KEYS[req.query.get('api_key_hash') ?? '']}`;
  if (!WITH_DATA.includes(name)) return { body: { data: [] } };
  // why: a day's figures can still move after it closes: alice's $3.41 on Claude becomes $3.61.
  const body = page(`activity-${name}`);
  return {
    body: revised && name === '2026-11-01-alice' ? revise(body, '"usage":3.41', '"usage":3.61') : body,
  };
}

runReplaySuite({
  kind: 'openrouter',
  serve,
  isFollowUp: (req) => req.path === '/v1/keys' && req.query.get('offset') !== '0',
  bad: { body: page('keys-bad'), error: /OpenRouter \/keys \(offset 2\).*data\.0\.hash/ },
  keyOf: (req) => /^Bearer (.+)$/.exec(String(req.headers.authorization))?.[1],
  expected: {
    records: 4,
    cost: '4.933800',
    byUser: { 'alice@example.com': '3.431800', 'ci-pipeline': '0.500000', 'bob@example.com': '1.002000' },
    revisedCost: '5.133800',
    byTag: { tag: 'upstream', cost: { Anthropic: '4.412000', OpenAI: '0.021800', Google: '0.500000' } },
  },
});
