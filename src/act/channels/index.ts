import type { ChannelKind, ChannelSettings } from '../../config/alerting.ts';
import type { AlertEvent } from '../alerts/event.ts';
import { emailChannel, type SmtpSettings } from './email.ts';
import { redactError } from './errors.ts';
import type { HttpChannelDeps } from './http.ts';
import { logChannel } from './log.ts';
import { slackChannel } from './slack.ts';
import { webhookChannel } from './webhook.ts';

/** What a channel sends besides the event: the stored alert's id and time, and the absolute dashboard link. */
export interface OutgoingAlert {
  id: string;
  createdAt: Date;
  /** The dashboard URL joined with the event's `link`. */
  link: string;
}

/** One way to tell people. `send` resolves once the receiver took the message and throws a `ChannelError` if not. */
export interface Channel {
  readonly kind: ChannelKind;
  send(event: AlertEvent, alert: OutgoingAlert): Promise<void>;
}

/** A channel's settings and, in memory only, its secrets. */
export interface ChannelSpec {
  settings: ChannelSettings;
  /** The Slack or webhook URL. */
  url?: string;
  /** The webhook signing secret. */
  secret?: string;
}

export interface ChannelDeps extends HttpChannelDeps {
  log: (line: string) => void;
  smtp: SmtpSettings;
}

/** Builds the channel a spec describes; whatever it throws has the spec's secrets taken out. */
export function buildChannel(spec: ChannelSpec, deps: ChannelDeps): Channel {
  const inner = build(spec, deps);
  const secrets = [spec.secret, ...urlSecrets(spec.url), deps.smtp.url, smtpPassword(deps.smtp.url)];
  return {
    kind: inner.kind,
    async send(event, alert) {
      try {
        await inner.send(event, alert);
      } catch (error) {
        throw redactError(error, secrets);
      }
    },
  };
}

function build({ settings, url, secret }: ChannelSpec, deps: ChannelDeps): Channel {
  const need = (value: string | undefined) => {
    if (!value) throw new Error(`channel "${settings.id}" has no URL: set one through the API or url_env`);
    return value;
  };
  switch (settings.kind) {
    case 'slack':
      return slackChannel(need(url), deps);
    case 'webhook':
      return webhookChannel({ url: need(url), secret }, deps);
    case 'email':
      return emailChannel({ to: settings.to ?? [], from: settings.from }, deps.smtp);
    case 'log':
      return logChannel(deps.log);
    default:
      return settings.kind satisfies never;
  }
}

/**
 * A URL and the parts of it a receiver might echo: its path and query, and the long tokens in them
 * (a Slack webhook's credential is its last path segment).
 */
function urlSecrets(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const u = new URL(url);
    const tail = `${u.pathname}${u.search}`;
    const tokens = tail.split(/[/?&=]/).filter((t) => t.length >= 16);
    return [url, ...(tail.length > 1 ? [tail] : []), ...tokens, u.password].filter(Boolean);
  } catch {
    return [url];
  }
}

function smtpPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
