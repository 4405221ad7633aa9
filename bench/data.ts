import { createRandom } from '../src/sources/demo/random.ts';

// Deterministic, realistic-looking records for the benchmark: a team of 40 across 8 projects and 10 models.
const MODELS = [
  ['openai', 'gpt-5'],
  ['openai', 'gpt-5-mini'],
  ['openai', 'gpt-4.1'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'text-embedding-3-small'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-haiku-4-5'],
  ['anthropic', 'claude-opus-4-1'],
  ['google', 'gemini-2.5-pro'],
  ['google', 'gemini-2.5-flash'],
] as const;
const TEAMS = ['platform', 'research', 'product', 'data'];
const PROJECTS = ['search', 'ranker', 'assistant', 'evals', 'pipeline', 'support-bot', 'docs-qa', 'growth'];

/** `count` API-shaped records spread over `days` days before `end`, ids prefixed by `prefix`. */
export function* benchRecords(count: number, end: Date, days: number, prefix = 'b', seed = 7) {
  const random = createRandom(seed).next;
  const span = days * 86_400_000;
  for (let i = 0; i < count; i++) {
    const [provider, model] = MODELS[Math.floor(random() ** 1.5 * MODELS.length)]!;
    const user = Math.floor(random() * 40);
    const project = PROJECTS[(user + Math.floor(random() * 2)) % PROJECTS.length]!;
    const t = end.getTime() - span + Math.floor((i / count) * span) + Math.floor(random() * 60_000);
    const record: Record<string, unknown> = {
      id: `${prefix}-${i}`,
      timestamp: new Date(t).toISOString(),
      provider,
      service: model.startsWith('text-embedding') ? 'embeddings' : 'chat',
      model,
      user: `user-${user}`,
      team: TEAMS[user % TEAMS.length],
      project,
      apiKey: `key_${project}`,
      inputTokens: 200 + Math.floor(random() * 20_000),
      outputTokens: 50 + Math.floor(random() * 3_000),
      cacheReadTokens: provider === 'anthropic' ? Math.floor(random() * 30_000) : 0,
      tags: { env: random() < 0.8 ? 'prod' : 'dev' },
    };
    if (random() < 0.4) record.context = `notebooks/exp-${Math.floor(random() * 200)}.ipynb`;
    yield record;
  }
}
