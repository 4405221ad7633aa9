import { BellOff, CheckCircle2, Plus, Radio } from 'lucide-react';
import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { setParams, useLocation } from '../../state/router.ts';
import { useMayDo } from '../../state/session.ts';
import { Card } from '../../ui/Card.tsx';
import { Select } from '../../ui/controls.tsx';
import { Banner, EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { AlertHistory } from './AlertHistory.tsx';
import { ChannelForm } from './ChannelForm.tsx';
import { ChannelTable, type TestState } from './ChannelTable.tsx';
import { alertsPath } from './paths.ts';
import {
  ALERT_EVENTS,
  type AlertsResponse,
  type Channel,
  type ChannelsResponse,
  EVENT_LABELS,
  type TestAnswer,
} from './types.ts';
import '../anomalies/anomalies.css';
import './alerts.css';

type Editing = { mode: 'add' } | { mode: 'edit'; channel: Channel } | null;
type Notice = { kind: 'ok' | 'error'; text: string } | null;

const EVENT_OPTIONS = [
  { value: '', label: 'Every event' },
  ...ALERT_EVENTS.map((e) => ({ value: e, label: EVENT_LABELS[e] })),
];

/** The alerts sent and how each channel took them; the channels, a test on demand, add, change, delete. */
export default function AlertsPage() {
  const event = useLocation().search.get('event');
  const alerts = useApi<AlertsResponse>(alertsPath(event));
  const channels = useApi<ChannelsResponse>('/api/v1/channels');
  const [editing, setEditing] = useState<Editing>(null);
  const canManage = useMayDo('manage_alerts');
  const [notice, setNotice] = useState<Notice>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const failed = (error: unknown) =>
    setNotice({ kind: 'error', text: error instanceof ApiError ? error.message : String(error) });

  const onTest = async (channel: Channel) => {
    setTests((t) => ({ ...t, [channel.id]: { busy: true } }));
    let answer: TestAnswer;
    try {
      answer = await api<TestAnswer>(`/api/v1/channels/${encodeURIComponent(channel.id)}/test`, {
        method: 'POST',
      });
    } catch (error) {
      answer = { delivered: false, error: error instanceof ApiError ? error.message : String(error) };
    }
    setTests((t) => ({ ...t, [channel.id]: { busy: false, answer } }));
    invalidateAll();
  };

  const onDelete = async (channel: Channel) => {
    setNotice(null);
    try {
      await api(`/api/v1/channels/${encodeURIComponent(channel.id)}`, { method: 'DELETE' });
      setNotice({ kind: 'ok', text: `Deleted channel ${channel.id}.` });
      if (editing?.mode === 'edit' && editing.channel.id === channel.id) setEditing(null);
      invalidateAll();
    } catch (error) {
      failed(error);
    }
  };

  const list = channels.data?.channels;
  const history = alerts.data?.alerts;
  return (
    <>
      <PageHeader title="Alerts" subtitle="What spendlens told people, and where it sends alerts" />
      <div className="stack">
        {notice && (
          <Banner
            kind={notice.kind}
            icon={notice.kind === 'ok' ? <CheckCircle2 size={18} aria-hidden="true" /> : undefined}
          >
            <p className="alert-notice">{notice.text}</p>
          </Banner>
        )}
        <Card
          title="Channels"
          subtitle="Slack, signed webhooks, email or the log; each takes the events and scope it is routed"
          actions={
            canManage &&
            editing?.mode !== 'add' && (
              <button type="button" className="button" onClick={() => setEditing({ mode: 'add' })}>
                <Plus size={16} aria-hidden="true" /> Add a channel
              </button>
            )
          }
        >
          {editing && (
            <ChannelForm
              key={editing.mode === 'edit' ? editing.channel.id : '(new)'}
              channel={editing.mode === 'edit' ? editing.channel : undefined}
              onSaved={(text) => {
                setNotice({ kind: 'ok', text });
                setEditing(null);
              }}
              onCancel={() => setEditing(null)}
            />
          )}
          {channels.error ? (
            <ErrorState error={channels.error} onRetry={invalidateAll} />
          ) : !list ? (
            <Loading height={120} />
          ) : list.length === 0 ? (
            !editing && (
              <EmptyState icon={<Radio size={28} aria-hidden="true" />} title="No channels yet">
                <p className="muted">
                  Alerts are recorded here either way; add a Slack webhook, a webhook or an email channel to
                  hear about them. Channels in spendlens.toml show here too.
                </p>
              </EmptyState>
            )
          ) : (
            <ChannelTable
              channels={list}
              tests={tests}
              readOnly={!canManage}
              onTest={onTest}
              onEdit={(channel) => setEditing({ mode: 'edit', channel })}
              onDelete={onDelete}
            />
          )}
        </Card>
        <Card
          title="History"
          subtitle="Newest first, with each channel's delivery"
          busy={alerts.loading}
          actions={
            <Select
              label="Event"
              hideLabel
              value={event ?? ''}
              options={EVENT_OPTIONS}
              onChange={(v) => setParams({ event: v || null }, { replace: true })}
            />
          }
        >
          {alerts.error ? (
            <ErrorState error={alerts.error} onRetry={invalidateAll} />
          ) : !history ? (
            <Loading height={200} />
          ) : history.length === 0 ? (
            <EmptyState icon={<BellOff size={28} aria-hidden="true" />} title="No alerts yet">
              <p className="muted">
                {event
                  ? `No “${EVENT_LABELS[event as keyof typeof EVENT_LABELS] ?? event}” alerts.`
                  : 'Alerts appear here when a budget passes a threshold, spend looks wrong, or a source fails.'}
              </p>
            </EmptyState>
          ) : (
            <AlertHistory alerts={history} />
          )}
        </Card>
      </div>
    </>
  );
}
