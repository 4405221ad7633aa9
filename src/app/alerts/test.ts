import { randomUUID } from 'node:crypto';
import type { AlertEvent } from '../../act/alerts/event.ts';
import { ChannelError } from '../../act/channels/errors.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';
import { channelRows, dashboardLink, openChannel } from './runtime.ts';

export interface TestResult {
  delivered: boolean;
  error?: string;
}

/**
 * Sends a `test` message on one channel now, whatever its routing: once, not stored, not deduplicated.
 * Answers whether the receiver took it, or its error (without the channel's secrets).
 */
export async function sendTestAlert(ctx: AppContext, org: string, channelId: string): Promise<TestResult> {
  const found = (await channelRows(ctx, org)).find((c) => c.row.id === channelId);
  if (!found) throw new AppError('not_found', `no channel "${channelId}"`);
  const now = ctx.now();
  const event: AlertEvent = {
    kind: 'test',
    dedupeKey: `test:${channelId}:${now.toISOString()}`,
    severity: 'info',
    scope: null,
    title: 'spendlens test alert',
    text: `A test message from spendlens to channel "${channelId}". If you can read this, alerts routed to it will reach you here.`,
    facts: [
      { label: 'Channel', value: channelId },
      { label: 'Kind', value: found.settings.kind },
      { label: 'Sent at', value: now.toISOString() },
    ],
    link: '/alerts',
  };
  try {
    const channel = openChannel(ctx, found);
    await channel.send(event, {
      id: randomUUID(),
      createdAt: now,
      link: dashboardLink(ctx.config, event.link),
    });
    return { delivered: true };
  } catch (error) {
    if (error instanceof ChannelError || error instanceof AppError)
      return { delivered: false, error: error.message };
    throw error;
  }
}
