import Table from 'cli-table3';
import type { ChannelView } from '../../../app/alerts/channel-view.ts';
import { listChannels } from '../../../app/alerts/channels.ts';
import { type AlertView, listAlertHistory } from '../../../app/alerts/history.ts';
import { sendTestAlert, type TestResult } from '../../../app/alerts/test.ts';
import { AppError } from '../../../domain/errors.ts';
import { callRemote } from '../remote.ts';
import type { Target } from '../target.ts';

/** `spendlens alerts`: the alert history, newest first. */
export async function alertsList(
  target: Target,
  opts: { limit?: string; event?: string },
): Promise<AlertView[]> {
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new AppError('bad_request', `--limit "${opts.limit}" must be a whole number from 1 to 1000`);
  }
  if ('remote' in target) {
    const query = new URLSearchParams({ limit: String(limit), ...(opts.event ? { event: opts.event } : {}) });
    const answer = (await callRemote(target.remote, 'GET', `/api/v1/alerts?${query}`)) as {
      alerts?: AlertView[];
      error?: { message: string };
    };
    if (!answer.alerts) throw new AppError('bad_request', answer.error?.message ?? 'unexpected answer');
    return answer.alerts;
  }
  const events = opts.event
    ?.split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return listAlertHistory(target.ctx, target.ctx.config.org, { limit, events });
}

/** `spendlens alerts test CHANNEL`: a test message on one channel, now. */
export async function alertsTest(target: Target, channel: string): Promise<TestResult> {
  if ('remote' in target) {
    const path = `/api/v1/channels/${encodeURIComponent(channel)}/test`;
    return (await callRemote(target.remote, 'POST', path)) as TestResult;
  }
  return sendTestAlert(target.ctx, target.ctx.config.org, channel);
}

/** `spendlens channels`: where alerts go. */
export async function channelsList(target: Target): Promise<ChannelView[]> {
  if ('remote' in target) {
    return ((await callRemote(target.remote, 'GET', '/api/v1/channels')) as { channels: ChannelView[] })
      .channels;
  }
  return listChannels(target.ctx, target.ctx.config.org);
}

const style = (color: boolean) => ({ head: color ? ['cyan'] : [], border: color ? ['grey'] : [] });

export function renderAlerts(list: AlertView[], color: boolean): string {
  if (list.length === 0) return 'No alerts yet.';
  const table = new Table({
    head: ['Raised', 'Event', 'Severity', 'Title', 'Deliveries'],
    style: style(color),
  });
  for (const a of list) {
    const deliveries = a.deliveries.map((d) =>
      d.status === 'delivered' ? `${d.channel}: delivered` : `${d.channel}: ${d.status} after ${d.attempts}`,
    );
    table.push([
      a.createdAt.slice(0, 16).replace('T', ' '),
      a.event,
      a.severity,
      a.title,
      deliveries.join('\n') || '–',
    ]);
  }
  const errors = list.flatMap((a) =>
    a.deliveries
      .filter((d) => d.status === 'failed')
      .map((d) => `  ${a.title} → ${d.channel}: ${d.error ?? ''}`),
  );
  return [table.toString(), ...(errors.length ? ['', 'Failed deliveries:', ...errors] : [])].join('\n');
}

export function renderChannels(list: ChannelView[], color: boolean): string {
  if (list.length === 0)
    return 'No channels yet: add [[channels]] to spendlens.toml or POST /api/v1/channels.';
  const table = new Table({
    head: ['Channel', 'Kind', 'Origin', 'Target', 'Events', 'Scope', 'Enabled'],
    style: style(color),
  });
  for (const c of list) {
    const where =
      c.kind === 'email' ? (c.to ?? []).join(', ') : c.kind === 'log' ? 'log' : (c.urlHint ?? '–');
    const scope = c.scope ? `${c.scope.dimension}=${c.scope.value}` : 'all';
    table.push([
      c.id,
      c.kind,
      c.origin,
      where,
      c.events?.join(', ') ?? 'all',
      scope,
      c.enabled ? 'yes' : 'no',
    ]);
  }
  return table.toString();
}
