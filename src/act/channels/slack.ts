import type { AlertEvent } from '../alerts/event.ts';
import { type HttpChannelDeps, postJson } from './http.ts';
import type { Channel, OutgoingAlert } from './index.ts';

/** Slack's limits on a header, a section and a field (characters), and on fields per section. */
const LIMITS = { header: 150, section: 3000, field: 2000, fields: 10 };

/** Posts to a Slack incoming webhook. The URL is the credential: it never appears in errors or logs. */
export function slackChannel(url: string, deps: HttpChannelDeps): Channel {
  return {
    kind: 'slack',
    send: (event, alert) => postJson(deps, 'slack', url, JSON.stringify(slackMessage(event, alert))),
  };
}

/**
 * The Block Kit message: a header with the title, the text, the facts as fields, a button to the
 * dashboard view, and a context line; `text` is the fallback notifications and old clients show.
 */
function slackMessage(event: AlertEvent, alert: OutgoingAlert) {
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(event.title, LIMITS.header), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(mrkdwn(event.text), LIMITS.section) } },
  ];
  for (let i = 0; i < event.facts.length; i += LIMITS.fields) {
    const fields = event.facts.slice(i, i + LIMITS.fields).map((f) => ({
      type: 'mrkdwn',
      text: cut(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, LIMITS.field),
    }));
    blocks.push({ type: 'section', fields });
  }
  blocks.push(
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open in spendlens' },
          url: alert.link,
          action_id: 'open',
        },
      ],
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `${event.severity} · ${event.kind.replaceAll('_', ' ')} · spendlens` },
      ],
    },
  );
  const facts = event.facts.map((f) => `${f.label}: ${f.value}`).join(' · ');
  return { text: cut(mrkdwn(facts ? `${event.title} (${facts})` : event.title), LIMITS.section), blocks };
}

// why: Slack's mrkdwn reads &, < and > as markup (links, mentions); anything else passes as is.
function mrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
