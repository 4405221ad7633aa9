import type { SourceKind } from '../../config/sources.ts';
import { activityFeedAdapter } from '../../sources/activity/index.ts';
import { anthropicAdapter } from '../../sources/anthropic/index.ts';
import { azureOpenaiAdapter } from '../../sources/azure-openai/index.ts';
import { bedrockAdapter } from '../../sources/bedrock/index.ts';
import { claudeCodeAnalyticsAdapter } from '../../sources/claude-code-analytics/index.ts';
import { copilotAdapter } from '../../sources/copilot/index.ts';
import { cursorAdapter } from '../../sources/cursor/index.ts';
import { feedAdapter } from '../../sources/feed/index.ts';
import type { SourceAdapter } from '../../sources/http/adapter.ts';
import { openaiAdapter } from '../../sources/openai/index.ts';
import { openrouterAdapter } from '../../sources/openrouter/index.ts';

/** Every pull source by kind; adding one is a folder under sources/ and a line here. */
export const ADAPTERS: Record<SourceKind, SourceAdapter> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  feed: feedAdapter,
  activity: activityFeedAdapter,
  'claude-code-analytics': claudeCodeAnalyticsAdapter,
  cursor: cursorAdapter,
  copilot: copilotAdapter,
  openrouter: openrouterAdapter,
  bedrock: bedrockAdapter,
  'azure-openai': azureOpenaiAdapter,
};

/** Where to get a key for each kind, for messages that tell the user what to fix. */
export const KEY_HELP: Record<SourceKind, string> = {
  openai: 'an OpenAI admin key (sk-admin-…, Organization settings → Admin keys)',
  anthropic:
    'an Anthropic Analytics API key (scope read:analytics, claude.ai → Organization settings → API; Claude Enterprise) or an Admin API key (sk-ant-admin…, Console → Settings → Admin keys)',
  feed: 'a bearer token the transactions feed accepts',
  activity: 'a bearer token the activity-log feed accepts',
  'claude-code-analytics':
    'an Anthropic Admin API key (sk-ant-admin…, Console → Settings → Admin keys; Claude Code on the Claude API only)',
  cursor: 'a Cursor Admin API key (key_…, a team admin: Dashboard → Settings → Advanced → Admin API Keys)',
  copilot:
    'a GitHub token of an organization admin (classic: manage_billing:copilot and read:org; fine-grained: Administration and GitHub Copilot Business, read)',
  openrouter: 'an OpenRouter management key (openrouter.ai/settings/management-keys; it cannot call models)',
  bedrock:
    'the secret access key of the AWS access key named in "accessKeyId" (an IAM user or role allowed ce:GetCostAndUsage and ce:GetDimensionValues)',
  'azure-openai':
    'a Microsoft Entra ID access token for https://management.azure.com/, or with "tenantId" and "clientId" that app registration’s client secret, of a principal with Cost Management Reader on the scope',
};
