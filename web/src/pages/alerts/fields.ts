import type { AlertEventKind, Channel, ChannelKind, MinSeverity } from './types.ts';

/** A channel as its form edits it; `url` and `secret` start empty (they are write-only). */
export interface ChannelFields {
  id: string;
  kind: ChannelKind;
  url: string;
  secret: string;
  /** Email recipients as typed, separated by commas or spaces. */
  to: string;
  from: string;
  /** None: every event. */
  events: AlertEventKind[];
  /** Empty: every scope. */
  scopeDimension: string;
  scopeValue: string;
  minSeverity: MinSeverity;
  enabled: boolean;
}

export function channelFields(c: Channel | undefined): ChannelFields {
  return {
    id: c?.id ?? '',
    kind: c?.kind ?? 'slack',
    url: '',
    secret: '',
    to: c?.to?.join(', ') ?? '',
    from: c?.from ?? '',
    events: (c?.events ?? []) as AlertEventKind[],
    scopeDimension: c?.scope?.dimension ?? '',
    scopeValue: c?.scope?.value ?? '',
    minSeverity: c?.minSeverity ?? 'high',
    enabled: c?.enabled ?? true,
  };
}

/** Whether the kind sends to a URL (and so has the write-only URL field). */
export function takesUrl(kind: ChannelKind): boolean {
  return kind === 'slack' || kind === 'webhook';
}

/**
 * The body of `POST`/`PUT /api/v1/channels`: only what the kind uses, and the URL and secret only when
 * typed, so an edit that leaves them empty keeps the stored ones.
 */
export function channelBody(f: ChannelFields): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: f.kind, minSeverity: f.minSeverity, enabled: f.enabled };
  if (f.events.length) body.events = f.events;
  if (f.scopeDimension) body.scope = { dimension: f.scopeDimension, value: f.scopeValue.trim() };
  if (f.kind === 'email') {
    body.to = f.to.split(/[\s,;]+/).filter(Boolean);
    if (f.from.trim()) body.from = f.from.trim();
  }
  if (takesUrl(f.kind) && f.url.trim()) body.url = f.url.trim();
  if (f.kind === 'webhook' && f.secret.trim()) body.secret = f.secret.trim();
  return body;
}
