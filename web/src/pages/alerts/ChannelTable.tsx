import { Lock, Send } from 'lucide-react';
import { useState } from 'react';
import { ConfirmDelete, EditDeleteButtons } from '../../ui/ConfirmDelete.tsx';
import { type Channel, eventLabel, type TestAnswer } from './types.ts';

/** A test's progress or outcome, per channel. */
export type TestState = { busy: true } | { busy: false; answer: TestAnswer };

export interface ChannelActions {
  onTest: (channel: Channel) => void;
  /** The caller may not change channels: no test, edit or delete. */
  readOnly?: boolean;
  onEdit: (channel: Channel) => void;
  onDelete: (channel: Channel) => void;
  tests: Record<string, TestState>;
}

/** Where a channel sends: the masked URL, the recipients, or the log. */
function target(c: Channel): string {
  if (c.kind === 'email') return c.to?.join(', ') || 'no recipients';
  if (c.kind === 'log') return 'the server log';
  return c.urlHint ?? 'no URL';
}

function routing(c: Channel): string {
  const events = c.events?.length ? c.events.map(eventLabel).join(', ') : 'All events';
  const scope = c.scope ? ` · only ${c.scope.dimension} ${c.scope.value}` : '';
  return `${events}${scope} · anomalies ${c.minSeverity} and up`;
}

function TestOutcome(props: { state: TestState | undefined }) {
  const s = props.state;
  if (!s || s.busy) return null;
  return (
    <div
      role="status"
      className={`channel-test ${s.answer.delivered ? 'ok' : 'failed'}`}
      data-testid="channel-test-result"
    >
      {s.answer.delivered ? 'Test delivered.' : `Test failed: ${s.answer.error ?? 'no reason given'}`}
    </div>
  );
}

function ChannelRow(props: { channel: Channel } & ChannelActions) {
  const c = props.channel;
  const [confirming, setConfirming] = useState(false);
  const test = props.tests[c.id];
  return (
    <tr data-testid={`channel-${c.id}`}>
      <td data-label="Channel">
        <strong>{c.id}</strong>
        <div className="muted small">
          {c.kind}
          {c.enabled ? '' : ' · disabled'}
        </div>
      </td>
      <td data-label="Sends to" className="channel-target">
        {target(c)}
      </td>
      <td data-label="Routing">{routing(c)}</td>
      <td className="channel-cell-actions">
        {props.readOnly ? null : confirming ? (
          <ConfirmDelete
            className="channel-actions"
            question={`Delete ${c.id}?`}
            onConfirm={() => {
              setConfirming(false);
              props.onDelete(c);
            }}
            onKeep={() => setConfirming(false)}
          />
        ) : (
          <div className="channel-actions">
            <button
              type="button"
              className="button small"
              onClick={() => props.onTest(c)}
              disabled={test?.busy}
              aria-label={`Send a test to ${c.id}`}
            >
              <Send size={14} aria-hidden="true" /> {test?.busy ? 'Sending…' : 'Send test'}
            </button>
            {c.origin === 'config' ? (
              <span className="muted small channel-managed">
                <Lock size={13} aria-hidden="true" /> Managed by spendlens.toml
              </span>
            ) : (
              <EditDeleteButtons
                name={c.id}
                onEdit={() => props.onEdit(c)}
                onDelete={() => setConfirming(true)}
              />
            )}
          </div>
        )}
        <TestOutcome state={test} />
      </td>
    </tr>
  );
}

/** Alert channels with where they send, what they take, a test on demand, and edit or delete. */
export function ChannelTable(props: { channels: Channel[] } & ChannelActions) {
  const { channels, ...actions } = props;
  return (
    <div className="table-wrap">
      <table className="data channel-table" data-testid="channels">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Sends to</th>
            <th scope="col">Routing</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <ChannelRow key={c.id} channel={c} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
