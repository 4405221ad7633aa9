// The generic rules that let a catalog find prices for the many spellings of one model and provider.

/** Provider names that are another spelling of a provider the catalog holds. */
const RENAMED: Record<string, string> = {
  gemini: 'google',
  vertex: 'google',
  vertex_ai: 'google',
  vertexai: 'google',
  'google-vertex': 'google',
  azure: 'azure-openai',
  azure_openai: 'azure-openai',
  bedrock_converse: 'bedrock',
  'text-completion-openai': 'openai',
};

/** Providers that resell another provider's models at its list price when they have no prices of their own. */
const RESELLS: Record<string, string> = {
  'azure-openai': 'openai',
};

const MODEL_PREFIXES = ['models/', 'gemini/', 'anthropic/', 'openai/', 'vertex_ai/', 'azure/', 'google/'];

// `-20250514` (Anthropic), `-2024-08-06` (OpenAI), `@20250514` (Claude on Vertex AI).
const DATE_SUFFIX = /(?:-\d{8}|-\d{4}-\d{2}-\d{2}|@\d{8})$/;

/** Lower-cases a provider and maps its other spellings: 'Gemini' and 'vertex_ai-language-models' → 'google'. */
export function canonicalProvider(provider: string): string {
  const name = provider.trim().toLowerCase();
  if (name.startsWith('vertex_ai-')) return 'google';
  return RENAMED[name] ?? name;
}

/** The providers whose prices apply, most specific first: 'azure-openai' → ['azure-openai', 'openai']. */
export function providerChain(provider: string): string[] {
  const own = canonicalProvider(provider);
  const resold = RESELLS[own];
  return resold ? [own, resold] : [own];
}

/** Lower-cases a model name so that lookups ignore case. */
export function modelKey(model: string): string {
  return model.trim().toLowerCase();
}

/** Names to try for a model, most exact first: as given, without a routing prefix, then without a date. */
export function modelCandidates(model: string): string[] {
  const exact = modelKey(model);
  const unprefixed = stripPrefixes(exact);
  const undated = unprefixed.replace(DATE_SUFFIX, '');
  return [...new Set([exact, unprefixed, undated])];
}

function stripPrefixes(model: string): string {
  let name = model;
  for (let prefix = findPrefix(name); prefix; prefix = findPrefix(name)) {
    name = name.slice(prefix.length);
  }
  return name;
}

function findPrefix(model: string): string | undefined {
  return MODEL_PREFIXES.find((prefix) => model.startsWith(prefix) && model.length > prefix.length);
}
