import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/price/catalog.ts';
import { suggestModel } from '../../src/price/suggest.ts';
import { entry } from './helpers.ts';

const catalog = createCatalog([
  entry({ model: 'gpt-5' }),
  entry({ model: 'gpt-5-mini' }),
  entry({ model: 'gpt-4o', aliases: ['gpt-4o-2024-08-06'] }),
  entry({ model: 'o3-mini' }),
  entry({ model: 'o4-mini' }),
  entry({ provider: 'anthropic', model: 'claude-sonnet-4-5' }),
  entry({ provider: 'anthropic', model: 'claude-opus-4-1' }),
]);

describe('suggestModel', () => {
  it('offers the known name one typo away', () => {
    expect(suggestModel(catalog, 'openai', 'gtp-5')).toBe('gpt-5');
    expect(suggestModel(catalog, 'openai', 'GPT5')).toBe('gpt-5');
    expect(suggestModel(catalog, 'anthropic', 'claude-sonet-4-5')).toBe('claude-sonnet-4-5');
    expect(suggestModel(catalog, 'openai', 'gpt-4o-2024-08-05')).toBe('gpt-4o-2024-08-06');
  });

  it('offers the base of a variant the catalog lacks, and a variant of a bare family name', () => {
    expect(suggestModel(catalog, 'anthropic', 'claude-sonnet-4-5-fast')).toBe('claude-sonnet-4-5');
    expect(suggestModel(catalog, 'openai', 'gpt-5-mini-preview-max')).toBe('gpt-5-mini');
    expect(suggestModel(catalog, 'openai', 'o3')).toBe('o3-mini');
  });

  it("looks only at the record's provider, and says null when nothing is near", () => {
    expect(suggestModel(catalog, 'anthropic', 'gtp-5')).toBeNull();
    expect(suggestModel(catalog, 'OpenAI', 'gtp-5')).toBe('gpt-5');
    expect(suggestModel(catalog, 'acme-ai', 'gpt-5')).toBeNull();
    expect(suggestModel(catalog, 'openai', 'llama-9-ultra')).toBeNull();
    expect(suggestModel(catalog, 'openai', 'o9')).toBeNull();
  });
});
