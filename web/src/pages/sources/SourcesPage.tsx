import { CheckCircle2, Plug, Plus } from 'lucide-react';
import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { Card } from '../../ui/Card.tsx';
import { Banner, EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { SourceForm } from './SourceForm.tsx';
import { SourceTable } from './SourceTable.tsx';
import type { Source, SourcesResponse, SyncAnswer } from './types.ts';
import './sources.css';

type Editing = { mode: 'add' } | { mode: 'edit'; source: Source } | null;
type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** Pull sources with their health, a sync on demand, and a form to add, change or delete one. */
export default function SourcesPage() {
  const sources = useApi<SourcesResponse>('/api/v1/sources');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [syncing, setSyncing] = useState<string | null>(null);
  const list = sources.data?.sources;

  const failed = (error: unknown) =>
    setNotice({ kind: 'error', text: error instanceof ApiError ? error.message : String(error) });

  const onSync = async (source: Source) => {
    setSyncing(source.id);
    setNotice(null);
    try {
      const answer = await api<SyncAnswer>(`/api/v1/sources/${encodeURIComponent(source.id)}/sync`, {
        method: 'POST',
      });
      setNotice(
        answer.ok
          ? { kind: 'ok', text: `Synced ${source.id}.` }
          : {
              kind: 'error',
              text: `Sync of ${source.id} failed: ${answer.source.lastError ?? 'see its status'}`,
            },
      );
    } catch (error) {
      failed(error);
    } finally {
      setSyncing(null);
      invalidateAll();
    }
  };

  const onDelete = async (source: Source) => {
    setNotice(null);
    try {
      await api(`/api/v1/sources/${encodeURIComponent(source.id)}`, { method: 'DELETE' });
      setNotice({ kind: 'ok', text: `Deleted source ${source.id}.` });
      if (editing?.mode === 'edit' && editing.source.id === source.id) setEditing(null);
      invalidateAll();
    } catch (error) {
      failed(error);
    }
  };

  const onSaved = (text: string) => {
    setNotice({ kind: 'ok', text });
    setEditing(null);
  };

  const form = editing && (
    <SourceForm
      key={editing.mode === 'edit' ? editing.source.id : '(new)'}
      source={editing.mode === 'edit' ? editing.source : undefined}
      onSaved={onSaved}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <>
      <PageHeader title="Sources" subtitle="Provider APIs and feeds spendlens pulls usage from" />
      <div className="stack">
        {notice && (
          <Banner
            kind={notice.kind}
            icon={notice.kind === 'ok' ? <CheckCircle2 size={18} aria-hidden="true" /> : undefined}
          >
            <p className="source-notice">{notice.text}</p>
          </Banner>
        )}
        {sources.error ? (
          <ErrorState error={sources.error} onRetry={invalidateAll} />
        ) : !list ? (
          <Loading height={200} />
        ) : (
          <Card
            title={`Sources (${list.length})`}
            subtitle="Each syncs on its own schedule; Sync now pulls at once"
            actions={
              editing?.mode !== 'add' && (
                <button type="button" className="button" onClick={() => setEditing({ mode: 'add' })}>
                  <Plus size={16} aria-hidden="true" /> Add a source
                </button>
              )
            }
          >
            {form}
            {list.length === 0 ? (
              !editing && (
                <EmptyState icon={<Plug size={28} aria-hidden="true" />} title="No sources yet">
                  <p className="muted">
                    Add an OpenAI or Anthropic admin key, a coding assistant (Claude Code, Cursor, Copilot), a
                    cloud bill (AWS Bedrock, Azure OpenAI) or a feed with “Add a source”, then press Sync now:
                    its usage arrives in the overview. Sources in spendlens.toml show here too.
                  </p>
                </EmptyState>
              )
            ) : (
              <SourceTable
                sources={list}
                syncing={syncing}
                onSync={onSync}
                onEdit={(source) => setEditing({ mode: 'edit', source })}
                onDelete={onDelete}
              />
            )}
          </Card>
        )}
      </div>
    </>
  );
}
