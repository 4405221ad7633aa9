/** The Usage API endpoints spendlens reads, with the service each maps to and how to group it. */
export interface UsageEndpoint {
  path: string;
  /** The `object` of its results. */
  object: string;
  service: string;
  groupBy: string[];
  /** For endpoints that have no model dimension. */
  model?: string;
}

const PEOPLE = ['project_id', 'user_id', 'api_key_id', 'model'];

export const USAGE_ENDPOINTS: Record<string, UsageEndpoint> = {
  completions: {
    path: 'organization/usage/completions',
    object: 'organization.usage.completions.result',
    service: 'chat',
    groupBy: [...PEOPLE, 'batch', 'service_tier'],
  },
  embeddings: {
    path: 'organization/usage/embeddings',
    object: 'organization.usage.embeddings.result',
    service: 'embeddings',
    groupBy: PEOPLE,
  },
  moderations: {
    path: 'organization/usage/moderations',
    object: 'organization.usage.moderations.result',
    service: 'moderation',
    groupBy: PEOPLE,
  },
  images: {
    path: 'organization/usage/images',
    object: 'organization.usage.images.result',
    service: 'images',
    groupBy: [...PEOPLE, 'size', 'source'],
  },
  audio_speeches: {
    path: 'organization/usage/audio_speeches',
    object: 'organization.usage.audio_speeches.result',
    service: 'audio',
    groupBy: PEOPLE,
  },
  audio_transcriptions: {
    path: 'organization/usage/audio_transcriptions',
    object: 'organization.usage.audio_transcriptions.result',
    service: 'audio',
    groupBy: PEOPLE,
  },
  vector_stores: {
    path: 'organization/usage/vector_stores',
    object: 'organization.usage.vector_stores.result',
    service: 'storage',
    groupBy: ['project_id'],
    model: 'vector-store',
  },
  // why: tool calls are billed per 1,000 calls; their result objects are named `web_searches` and
  // `file_searches`, although the paths say `_calls`.
  web_search_calls: {
    path: 'organization/usage/web_search_calls',
    object: 'organization.usage.web_searches.result',
    service: 'web-search',
    groupBy: [...PEOPLE, 'context_level'],
    model: 'web-search',
  },
  file_search_calls: {
    path: 'organization/usage/file_search_calls',
    object: 'organization.usage.file_searches.result',
    service: 'file-search',
    groupBy: ['project_id', 'user_id', 'api_key_id', 'vector_store_id'],
    model: 'file-search',
  },
  code_interpreter_sessions: {
    path: 'organization/usage/code_interpreter_sessions',
    object: 'organization.usage.code_interpreter_sessions.result',
    service: 'compute',
    groupBy: ['project_id'],
    model: 'code-interpreter',
  },
};

export const DEFAULT_ENDPOINTS = Object.keys(USAGE_ENDPOINTS);
