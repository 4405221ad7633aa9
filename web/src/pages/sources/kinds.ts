import type { SourceKind } from './types.ts';

/** A setting a kind needs besides the key: a text field, or a choice among fixed values. */
export interface ExtraField {
  /** The setting; `setting.entry` for one entry of an object setting (`seatPrices.business`). */
  name: string;
  label: string;
  hint?: string;
  placeholder?: string;
  required?: boolean;
  /** A select of these values (the first is the default, sent as nothing). */
  options?: { value: string; label: string }[];
}

/** What the form shows for one kind: its name, what to call the key, where to get it, what else it needs. */
export interface KindSpec {
  label: string;
  keyLabel: string;
  /** Where to get the credential and which permission it needs. */
  help: string;
  fields: ExtraField[];
}

/**
 * Every kind the API takes, each with its own fields and help text (credentials and permissions as the
 * providers document them: see reference/assistants-clouds-gateway.md and provider-formats.md).
 */
export const KINDS: Record<SourceKind, KindSpec> = {
  openai: {
    label: 'OpenAI admin API',
    keyLabel: 'Admin key',
    help: 'An OpenAI admin key (sk-admin-…), created by an organization owner under Organization settings → Admin keys. spendlens reads the Usage and Costs APIs with it.',
    fields: [],
  },
  anthropic: {
    label: 'Anthropic usage & cost (Analytics or Admin API)',
    keyLabel: 'Analytics or Admin key',
    help: 'Claude Enterprise: an Analytics API key with the read:analytics scope, created by the primary owner in claude.ai → Organization settings → API; spendlens then reads spend per person and product. Console organizations: an Admin API key (sk-ant-admin…), created by an admin in Console → Settings → Admin keys, for the usage and cost reports. On “Automatic”, spendlens tries the Analytics API and falls back to the Admin reports when the key is refused; the source’s status says which it reads. The Analytics API refreshes about every 4 hours and allows 60 requests a minute per organization: a poll of 1h is plenty.',
    fields: [
      {
        name: 'api',
        label: 'API',
        options: [
          { value: 'auto', label: 'Automatic (whichever the key reaches)' },
          { value: 'analytics', label: 'Enterprise Analytics API' },
          { value: 'legacy', label: 'Admin API usage and cost reports' },
        ],
      },
    ],
  },
  'claude-code-analytics': {
    label: 'Claude Code Analytics (Anthropic Admin API)',
    keyLabel: 'Admin key',
    help: 'An Anthropic Admin API key (sk-ant-admin…), created by an organization admin in Console → Settings → Admin keys. Daily usage and estimated cost per person of Claude Code on the Claude API (not Bedrock or Vertex); data arrives after an hour. Do not add it beside an Anthropic Analytics source of the same organization: Claude Code spend would show twice.',
    fields: [],
  },
  cursor: {
    label: 'Cursor Admin API',
    keyLabel: 'Admin API key',
    help: 'A Cursor Admin API key (key_…), created by a team admin in the Cursor dashboard → Settings → Advanced → Admin API Keys (Enterprise teams). It reads team spend, daily usage and usage events per member; the API allows 20 requests a minute.',
    fields: [],
  },
  copilot: {
    label: 'GitHub Copilot billing',
    keyLabel: 'GitHub token',
    help: 'A GitHub token of an organization admin: a classic token with manage_billing:copilot and read:org, or a fine-grained token with Administration (read) and GitHub Copilot Business (read). It reads premium request usage per user and the seats. GitHub’s API gives no seat prices: enter what you pay per seat and month below, and each seat’s fee is spread per day from its start to its cancellation, shown apart from usage.',
    fields: [
      {
        name: 'organization',
        label: 'GitHub organization',
        placeholder: 'acme',
        required: true,
        hint: 'The organization whose Copilot billing is read',
      },
      {
        name: 'seatPrices.business',
        label: 'Business seat price (USD a month)',
        placeholder: '19',
        hint: 'What a Copilot Business seat costs you per month; each seat is then booked per day, per person. Empty: seats are not booked',
      },
      {
        name: 'seatPrices.enterprise',
        label: 'Enterprise seat price (USD a month)',
        placeholder: '39',
        hint: 'The same for Copilot Enterprise seats; a seat whose plan has no price is not booked, and the source’s status names it',
      },
    ],
  },
  openrouter: {
    label: 'OpenRouter activity (management key)',
    keyLabel: 'Management key',
    help: 'An OpenRouter management key, created at openrouter.ai/settings/management-keys (it cannot call models). It reads the activity of the last 30 days by day, model and key.',
    fields: [],
  },
  bedrock: {
    label: 'AWS Bedrock (Cost Explorer)',
    keyLabel: 'Secret access key',
    help: 'An AWS access key of an IAM user or role allowed ce:GetCostAndUsage and ce:GetDimensionValues: its access key id below, its secret access key as the key. Cost Explorer must be enabled on the account; AWS charges $0.01 a request, so a poll of a few hours is enough.',
    fields: [
      {
        name: 'accessKeyId',
        label: 'Access key ID',
        placeholder: 'AKIA…',
        required: true,
        hint: 'The AWS access key id the secret belongs to',
      },
    ],
  },
  'azure-openai': {
    label: 'Azure OpenAI (Cost Management)',
    keyLabel: 'Client secret or access token',
    help: 'A principal with the Cost Management Reader role (or Reader) on the scope. Either an app registration: its tenant and client id below and one of its client secrets as the key (Entra ID → App registrations → Certificates & secrets); or, without them, a Microsoft Entra ID access token for https://management.azure.com/ as the key (it expires in about an hour).',
    fields: [
      {
        name: 'scope',
        label: 'Scope',
        placeholder: 'subscriptions/00000000-0000-0000-0000-000000000000',
        required: true,
        hint: 'A subscription, resource group or billing account, as in the portal’s resource ID',
      },
      { name: 'tenantId', label: 'Tenant ID', placeholder: 'contoso.onmicrosoft.com or a GUID' },
      { name: 'clientId', label: 'Client ID', placeholder: 'the app registration’s GUID' },
    ],
  },
  feed: {
    label: 'Usage feed',
    keyLabel: 'Bearer token',
    help: 'A bearer token the transactions feed accepts; the base URL is the feed’s address.',
    fields: [],
  },
  activity: {
    label: 'Activity log',
    keyLabel: 'Bearer token',
    help: 'A bearer token the activity-log feed accepts; its activities (notebook runs, CI jobs) name the usage of the same person and time.',
    fields: [{ name: 'project', label: 'Project', hint: 'The feed’s project path segment' }],
  },
};
