import { Send } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import type { FieldError } from '../../api/types.ts';
import { formatInt } from '../../lib/format.ts';
import { Card } from '../../ui/Card.tsx';
import type { ActivityAnswer } from './types.ts';

const FIELDS = [
  { key: 'user', label: 'User', type: 'text', required: true },
  { key: 'context', label: 'Context', type: 'text', required: true },
  { key: 'start', label: 'Start', type: 'datetime-local', required: true },
  { key: 'end', label: 'End', type: 'datetime-local', required: true },
  { key: 'project', label: 'Project (optional)', type: 'text', required: false },
  { key: 'team', label: 'Team (optional)', type: 'text', required: false },
] as const;
type Key = (typeof FIELDS)[number]['key'];

/** A local `datetime-local` value as an ISO instant; the input itself is in the browser's zone. */
const instant = (local: string) => (local ? new Date(local).toISOString() : local);

/** Posts one activity (`POST /api/v1/activity`); the server joins it at once to the user's records in its window. */
export function ActivitySection() {
  const uid = useId();
  const [fields, setFields] = useState<Record<Key, string>>({
    user: '',
    context: '',
    start: '',
    end: '',
    project: '',
    team: '',
  });
  const [answer, setAnswer] = useState<ActivityAnswer | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (key: string) => errors.find((e) => e.path === key || e.path.endsWith(`.${key}`))?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    setAnswer(null);
    const body: Record<string, string> = {
      user: fields.user.trim(),
      context: fields.context.trim(),
      start: instant(fields.start),
      end: instant(fields.end),
    };
    if (fields.project.trim()) body.project = fields.project.trim();
    if (fields.team.trim()) body.team = fields.team.trim();
    try {
      setAnswer(await api<ActivityAnswer>('/api/v1/activity', { method: 'POST', body }));
      invalidateAll();
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      setErrors(e.errors.length ? e.errors : [{ path: '(form)', message: e.message }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="Activity"
      subtitle="Tell spendlens what a user worked on and when; records of that user in the window without a context get this one, past and future."
    >
      <form className="price-form settings-form" onSubmit={submit} aria-label="New activity">
        {FIELDS.map((f) => (
          <div className="field block" key={f.key}>
            <label htmlFor={`${uid}-${f.key}`}>{f.label}</label>
            <input
              id={`${uid}-${f.key}`}
              type={f.type}
              value={fields[f.key]}
              required={f.required}
              autoComplete="off"
              aria-invalid={errorOf(f.key) ? true : undefined}
              aria-describedby={errorOf(f.key) ? `${uid}-${f.key}-error` : undefined}
              onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}
            />
            {errorOf(f.key) && (
              <span id={`${uid}-${f.key}-error`} className="field-error">
                {errorOf(f.key)}
              </span>
            )}
          </div>
        ))}
        <div className="price-form-actions">
          {errorOf('(form)') && (
            <span className="field-error" role="alert">
              {errorOf('(form)')}
            </span>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            <Send size={16} aria-hidden="true" /> {busy ? 'Sending…' : 'Post activity'}
          </button>
        </div>
      </form>
      {answer && (
        <p role="status" className="settings-answer" data-testid="activity-answer">
          Accepted {formatInt(answer.accepted)} activit{answer.accepted === 1 ? 'y' : 'ies'}; joined to{' '}
          {formatInt(answer.joined)} past record{answer.joined === 1 ? '' : 's'}.
        </p>
      )}
    </Card>
  );
}
