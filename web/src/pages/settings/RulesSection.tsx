import { Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import { useApi } from '../../api/useApi.ts';
import { formatInt } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import { ConfirmDelete } from '../../ui/ConfirmDelete.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import {
  describeMatch,
  describeSet,
  MATCH_KINDS,
  type MatchKind,
  type Rule,
  type RulesResponse,
  type SaveRuleAnswer,
  SET_FIELDS,
  type SetField,
} from './types.ts';

const errorText = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

function RuleForm(props: { onSaved: (text: string) => void; onCancel: () => void }) {
  const uid = useId();
  const [kind, setKind] = useState<MatchKind>('user');
  const [pattern, setPattern] = useState('');
  const [tagKey, setTagKey] = useState('');
  const [set, setSet] = useState<Record<SetField, string>>({ team: '', project: '', context: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const target = Object.fromEntries(SET_FIELDS.flatMap((f) => (set[f].trim() ? [[f, set[f].trim()]] : [])));
    if (Object.keys(target).length === 0) {
      setError('Set at least one of team, project or context.');
      return;
    }
    const match =
      kind === 'tag' ? { tag: { key: tagKey.trim(), pattern: pattern.trim() } } : { [kind]: pattern.trim() };
    setBusy(true);
    try {
      const answer = await api<SaveRuleAnswer>('/api/v1/attribution/rules', {
        method: 'POST',
        body: { match, set: target },
      });
      invalidateAll();
      props.onSaved(
        `Saved rule ${answer.id}: re-applied to ${formatInt(answer.reapplied.examined)} past records, ` +
          `${formatInt(answer.reapplied.changed)} changed.`,
      );
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  const text = (
    id: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    required = false,
  ) => (
    <div className="field block">
      <label htmlFor={`${uid}-${id}`}>{label}</label>
      <input
        id={`${uid}-${id}`}
        type="text"
        value={value}
        required={required}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );

  return (
    <form className="price-form settings-form" onSubmit={submit} aria-label="New attribution rule">
      <div className="field block">
        <label htmlFor={`${uid}-kind`}>Match</label>
        <select id={`${uid}-kind`} value={kind} onChange={(e) => setKind(e.target.value as MatchKind)}>
          {MATCH_KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      {kind === 'tag' && text('tagkey', 'Tag key', tagKey, setTagKey, true)}
      {text('pattern', kind === 'model' || kind === 'tag' ? 'Pattern' : 'Value', pattern, setPattern, true)}
      {text('team', 'Set team', set.team, (v) => setSet({ ...set, team: v }))}
      {text('project', 'Set project', set.project, (v) => setSet({ ...set, project: v }))}
      {text('context', 'Set context', set.context, (v) => setSet({ ...set, context: v }))}
      <div className="price-form-actions">
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save rule'}
        </button>
      </div>
    </form>
  );
}

function RuleRow(props: { rule: Rule; onDelete: (rule: Rule) => void }) {
  const r = props.rule;
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-testid={`rule-${r.id}`}>
      <td data-label="Rule">
        <strong>{r.id}</strong>
        <div className="muted small">{r.origin === 'config' ? 'from spendlens.toml' : 'saved here'}</div>
      </td>
      <td data-label="When">{describeMatch(r.match)}</td>
      <td data-label="Set">{describeSet(r.set)}</td>
      <td className="settings-cell-actions">
        {r.origin === 'api' &&
          (confirming ? (
            <ConfirmDelete
              className="settings-actions"
              question={`Delete ${r.id}?`}
              onConfirm={() => {
                setConfirming(false);
                props.onDelete(r);
              }}
              onKeep={() => setConfirming(false)}
            />
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => setConfirming(true)}
              aria-label={`Delete rule ${r.id}`}
            >
              <Trash2 size={14} aria-hidden="true" /> Delete
            </button>
          ))}
      </td>
    </tr>
  );
}

/** Attribution rules: list, add (re-applied to past records by the server) and delete. */
export function RulesSection(props: { onNotice: (kind: 'ok' | 'error', text: string) => void }) {
  const rules = useApi<RulesResponse>('/api/v1/attribution/rules');
  const [adding, setAdding] = useState(false);
  const list = rules.data?.rules;

  const onDelete = async (rule: Rule) => {
    try {
      await api(`/api/v1/attribution/rules/${encodeURIComponent(rule.id)}`, { method: 'DELETE' });
      invalidateAll();
      props.onNotice('ok', `Deleted rule ${rule.id}. Records it changed keep their values.`);
    } catch (e) {
      props.onNotice('error', errorText(e));
    }
  };

  return (
    <Card
      title="Attribution rules"
      subtitle="Set team, project or context from a record's user, API key, workspace, provider, model or tag. Saving a rule re-applies all rules to past records, so reports change at once."
      actions={
        !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            <Plus size={16} aria-hidden="true" /> Add a rule
          </button>
        )
      }
    >
      {adding && (
        <RuleForm
          onSaved={(text) => {
            setAdding(false);
            props.onNotice('ok', text);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {rules.error ? (
        <ErrorState error={rules.error} onRetry={invalidateAll} />
      ) : !list ? (
        <Loading height={120} />
      ) : list.length === 0 ? (
        !adding && (
          <EmptyState title="No rules yet">
            <p className="muted">Records keep the team and project their source gave them.</p>
          </EmptyState>
        )
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="rules">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">When</th>
                <th scope="col">Set</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <RuleRow key={r.id} rule={r} onDelete={onDelete} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
