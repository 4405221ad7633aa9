/** Model names exactly as the price catalog spells them, so every demo record gets priced. */
export const DEMO_MODEL_NAMES = [
  'gpt-5',
  'gpt-5-mini',
  'gpt-4.1',
  'gpt-4o-mini',
  'text-embedding-3-small',
  'claude-sonnet-4-5',
  'claude-opus-4-1',
  'claude-haiku-4-5',
  'gemini-2.5-pro',
  'gemini-2.5-flash',
] as const;
export type ModelName = (typeof DEMO_MODEL_NAMES)[number];

export type DemoProvider = 'openai' | 'anthropic' | 'google';
type Range = readonly [min: number, max: number];

/** How a model's calls look: who serves it and how its tokens are spread. */
export interface ModelProfile {
  provider: DemoProvider;
  embeddings?: true;
  /** Anthropic sessions write a prompt prefix to the cache once, then read it back on every turn. */
  cached?: true;
  reasoning?: { share: number; range: Range };
}

export const MODEL_PROFILES: Readonly<Record<ModelName, ModelProfile>> = {
  'gpt-5': { provider: 'openai', reasoning: { share: 0.75, range: [500, 16_000] } },
  'gpt-5-mini': { provider: 'openai', reasoning: { share: 0.3, range: [100, 3_000] } },
  'gpt-4.1': { provider: 'openai' },
  'gpt-4o-mini': { provider: 'openai' },
  'text-embedding-3-small': { provider: 'openai', embeddings: true },
  'claude-sonnet-4-5': { provider: 'anthropic', cached: true },
  'claude-opus-4-1': { provider: 'anthropic', cached: true },
  'claude-haiku-4-5': { provider: 'anthropic', cached: true },
  'gemini-2.5-pro': { provider: 'google' },
  'gemini-2.5-flash': { provider: 'google' },
};
