import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { formatDateTime, formatInt } from '../../lib/format.ts';
import { ConfirmDelete, EditDeleteButtons } from '../../ui/ConfirmDelete.tsx';
import { formatLag, type Source, statusWord } from './types.ts';

export interface RowActions {
  onSync: (source: Source) => void;
  onEdit: (source: Source) => void;
  onDelete: (source: Source) => void;
  /** The source whose sync is running. */
  syncing: string | null;
}

/** One row a source: status in words (with the last error when failing), last sync, lag, records, actions. */
function SourceRow(props: { source: Source } & RowActions) {
  const s = props.source;
  const [confirming, setConfirming] = useState(false);
  const syncing = props.syncing === s.id;
  return (
    <tr data-testid={`source-${s.id}`}>
      <td data-label="Source">
        <strong>{s.id}</strong>
        <div className="muted small">
          {s.kind}
          {s.origin === 'config' ? ' · from spendlens.toml' : ''}
          {s.keyHint ? ` · key ${s.keyHint}` : ''}
        </div>
        {s.detail && (
          <div className="muted small source-detail" data-testid="source-detail">
            {s.detail}
          </div>
        )}
      </td>
      <td data-label="Status">
        <span className={`source-status source-status-${s.status}`} data-testid="source-status">
          {statusWord(s)}
        </span>
        {s.status === 'failing' && s.lastError && (
          <div className="source-error" data-testid="source-error">
            {s.lastError}
          </div>
        )}
      </td>
      <td data-label="Last sync">
        {s.lastSuccessAt ? (
          <time dateTime={s.lastSuccessAt}>{formatDateTime(s.lastSuccessAt)}</time>
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td data-label="Lag" className="num">
        {formatLag(s.lagSeconds)}
      </td>
      <td data-label="Records ingested" className="num" data-testid="source-records">
        {formatInt(s.recordsIngested)}
      </td>
      <td className="source-cell-actions">
        {confirming ? (
          <ConfirmDelete
            className="source-confirm"
            question={`Delete ${s.id}? Its records stay.`}
            onConfirm={() => {
              setConfirming(false);
              props.onDelete(s);
            }}
            onKeep={() => setConfirming(false)}
          />
        ) : (
          <div className="source-actions">
            <button
              type="button"
              className="button small"
              onClick={() => props.onSync(s)}
              disabled={syncing}
              aria-label={`Sync ${s.id} now`}
            >
              <RefreshCw size={14} aria-hidden="true" /> {syncing ? 'Syncing…' : 'Sync now'}
            </button>
            {s.origin === 'api' && (
              <EditDeleteButtons
                name={s.id}
                onEdit={() => props.onEdit(s)}
                onDelete={() => setConfirming(true)}
              />
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

export function SourceTable(props: { sources: Source[] } & RowActions) {
  const { sources, ...actions } = props;
  return (
    <div className="table-wrap">
      <table className="data source-table" data-testid="sources">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col">Last sync</th>
            <th scope="col" className="num">
              Lag
            </th>
            <th scope="col" className="num">
              Records ingested
            </th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <SourceRow key={s.id} source={s} {...actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
