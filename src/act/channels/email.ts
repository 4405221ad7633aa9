import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { AlertEvent } from '../alerts/event.ts';
import { ChannelError } from './errors.ts';
import type { Channel, OutgoingAlert } from './index.ts';

/** `[smtp]` of the config: the server (`SMTP_URL`, with its password) and the default sender. */
export interface SmtpSettings {
  url?: string;
  from: string;
}

const TIMEOUT_MS = 15_000;
const LIMITS: SMTPTransport.Options = {
  connectionTimeout: TIMEOUT_MS,
  greetingTimeout: TIMEOUT_MS,
  socketTimeout: TIMEOUT_MS,
};

/** Sends the alert by email over SMTP: the title as subject, plain-text and HTML parts with the facts. */
export function emailChannel(target: { to: string[]; from?: string }, smtp: SmtpSettings): Channel {
  return {
    kind: 'email',
    async send(event, alert) {
      const url = smtp.url;
      if (!url) {
        throw new ChannelError('email: no SMTP server: set SMTP_URL or url in [smtp] of spendlens.toml', {
          permanent: true,
        });
      }
      const transport = createTransport(url, LIMITS);
      try {
        await transport.sendMail({
          from: target.from ?? smtp.from,
          to: target.to,
          subject: event.title,
          text: plainText(event, alert),
          html: event.html ?? html(event, alert),
        });
      } catch (error) {
        throw smtpError(error);
      } finally {
        transport.close();
      }
    },
  };
}

function plainText(event: AlertEvent, alert: OutgoingAlert): string {
  const facts = event.facts.map((f) => `${f.label}: ${f.value}`);
  return [event.title, '', event.text, '', ...facts, '', alert.link, ''].join('\n');
}

function html(event: AlertEvent, alert: OutgoingAlert): string {
  const rows = event.facts
    .map(
      (f) =>
        `<tr><th align="left" style="padding:4px 12px 4px 0">${esc(f.label)}</th><td style="padding:4px 0">${esc(f.value)}</td></tr>`,
    )
    .join('');
  return [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111">',
    `<h2 style="margin:0 0 12px">${esc(event.title)}</h2>`,
    `<p>${esc(event.text).replaceAll('\n', '<br>')}</p>`,
    rows ? `<table style="border-collapse:collapse">${rows}</table>` : '',
    `<p><a href="${esc(alert.link)}">Open in spendlens</a></p>`,
    '</body></html>',
  ].join('');
}

function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** nodemailer's error as a ChannelError: a 5xx reply or a refused login will not pass on a retry. */
function smtpError(error: unknown): ChannelError {
  const e = error as { message?: string; responseCode?: number; code?: string };
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  return new ChannelError(`email: ${e.message ?? String(error)}`, {
    status,
    permanent: e.code === 'EAUTH' || (status !== null && status >= 500),
    cause: error,
  });
}
