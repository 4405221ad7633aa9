// FOCUS 1.0–1.2 columns spendlens reads and writes, and its own `x_` columns for a lossless round trip.

export const AI_CATEGORY = 'AI and Machine Learning';

/** Columns written on export, in order: the FOCUS columns first, then spendlens's `x_` columns. */
export const EXPORT_COLUMNS = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'BillingAccountId',
  'SubAccountId',
  'SubAccountName',
  'ProviderName',
  'PublisherName',
  'InvoiceIssuerName',
  'ServiceName',
  'ServiceCategory',
  'ServiceSubcategory',
  'ChargeCategory',
  'ChargeClass',
  'ChargeFrequency',
  'ChargeDescription',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ResourceId',
  'SkuId',
  'Tags',
  'x_RecordId',
  'x_EndTimestamp',
  'x_Source',
  'x_Provider',
  'x_Service',
  'x_Model',
  'x_User',
  'x_Team',
  'x_Project',
  'x_ApiKey',
  'x_Context',
  'x_CostKind',
  'x_InputTokens',
  'x_OutputTokens',
  'x_CacheReadTokens',
  'x_CacheWriteTokens',
  'x_ReasoningTokens',
  'x_Requests',
] as const;

export type FocusRow = Record<string, string>;

const PROVIDER_NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  'azure-openai': 'Microsoft',
  bedrock: 'AWS',
  mistral: 'Mistral AI',
  cohere: 'Cohere',
};

/** FOCUS `ProviderName` of a spendlens provider, and back. */
export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

export function providerOf(name: string): string {
  const lower = name.trim().toLowerCase();
  for (const [key, value] of Object.entries(PROVIDER_NAMES)) if (value.toLowerCase() === lower) return key;
  if (lower === 'google cloud' || lower === 'gcp') return 'google';
  if (lower === 'microsoft' || lower === 'azure') return 'azure-openai';
  if (lower === 'amazon web services') return 'bedrock';
  return lower.replace(/\s+/g, '-');
}
