import { Save } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import type { FieldError } from '../../api/types.ts';
import { type ExtraField, KINDS } from './kinds.ts';
import { keptSettings, SOURCE_KINDS, type Source, type SourceKind } from './types.ts';

interface Fields {
  id: string;
  kind: SourceKind;
  baseUrl: string;
  key: string;
  poll: string;
  backfillDays: string;
}
type BaseKey = Exclude<keyof Fields, 'kind'>;

/** Every kind's own fields by name: a kind's fields are sent only when it is the chosen kind. */
const EXTRA_NAMES = [...new Set(Object.values(KINDS).flatMap((k) => k.fields.map((f) => f.name)))];
/** The settings those fields fill: `seatPrices.business` is one entry of the setting `seatPrices`. */
const settingOf = (name: string) => name.split('.')[0] ?? name;
const EXTRA_SETTINGS = [...new Set(EXTRA_NAMES.map(settingOf))];

/** A field's stored value: a setting, or one entry of an object setting. */
function storedValue(settings: Record<string, unknown>, name: string): unknown {
  const [setting = name, entry] = name.split('.');
  const value = settings[setting];
  if (entry === undefined) return value;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[entry] : undefined;
}

function initialFields(source: Source | undefined): Fields {
  const s = source?.settings ?? {};
  const text = (v: unknown, fallback = '') => (v === undefined || v === null ? fallback : String(v));
  return {
    id: source?.id ?? '',
    kind: (SOURCE_KINDS as readonly string[]).includes(source?.kind ?? '')
      ? (source?.kind as SourceKind)
      : 'openai',
    baseUrl: text(s.baseUrl),
    key: '',
    poll: text(s.poll, '5m'),
    backfillDays: text(s.backfillDays, '30'),
  };
}

function initialExtras(source: Source | undefined): Record<string, string> {
  const s = source?.settings ?? {};
  return Object.fromEntries(
    EXTRA_NAMES.map((n) => {
      const v = storedValue(s, n);
      return [n, v === undefined || v === null ? '' : String(v)];
    }),
  );
}

/**
 * A kind's own settings as the API takes them: trimmed, empty ones and a select's default left out.
 * An object setting's entries the form has no field for (a plan set through the API) are kept.
 */
function extrasOf(
  fields: ExtraField[],
  values: Record<string, string>,
  kept: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = (values[f.name] ?? '').trim();
    const [setting = f.name, entry] = f.name.split('.');
    if (entry === undefined) {
      if (value && value !== f.options?.[0]?.value) out[f.name] = value;
      continue;
    }
    const prev = out[setting] ?? kept[setting];
    const group = { ...(prev !== null && typeof prev === 'object' ? prev : {}) } as Record<string, unknown>;
    if (value) group[entry] = value;
    else delete group[entry];
    out[setting] = group;
  }
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) delete out[key];
  }
  return out;
}

/**
 * Adds a source (`POST /api/v1/sources`) or changes one (`PUT /api/v1/sources/:id`), with the fields and
 * help text of its kind. The key (admin key, token or secret) is write-only: when editing, the field is
 * empty, the masked hint shows which key is stored, and the key is sent only when typed.
 */
export function SourceForm(props: {
  source?: Source;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const uid = useId();
  const editing = props.source !== undefined;
  const [fields, setFields] = useState<Fields>(() => initialFields(props.source));
  const [extras, setExtras] = useState<Record<string, string>>(() => initialExtras(props.source));
  const spec = KINDS[fields.kind];
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });
  const errorOf = (key: string) => errors.find((e) => e.path === key || e.path.endsWith(`.${key}`))?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const kept = props.source ? keptSettings(props.source.settings) : {};
    const body: Record<string, unknown> = {
      ...kept,
      kind: fields.kind,
      poll: fields.poll.trim() || '5m',
      backfillDays: fields.backfillDays.trim() || '30',
    };
    if (fields.baseUrl.trim()) body.baseUrl = fields.baseUrl.trim();
    else delete body.baseUrl;
    for (const name of EXTRA_SETTINGS) delete body[name];
    Object.assign(body, extrasOf(spec.fields, extras, kept));
    if (fields.key.trim()) body.key = fields.key.trim();
    try {
      if (props.source) {
        await api(`/api/v1/sources/${encodeURIComponent(props.source.id)}`, { method: 'PUT', body });
      } else {
        await api('/api/v1/sources', { method: 'POST', body: { id: fields.id.trim(), ...body } });
      }
      invalidateAll();
      props.onSaved(editing ? `Saved source ${props.source?.id}.` : `Added source ${fields.id.trim()}.`);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      setErrors(e.errors.length ? e.errors : [{ path: '(form)', message: e.message }]);
      setBusy(false);
    }
  };

  const described = (key: string, hint?: boolean) =>
    [errorOf(key) ? `${uid}-${key}-error` : '', hint ? `${uid}-${key}-hint` : ''].filter(Boolean).join(' ') ||
    undefined;
  const errorLine = (key: string) =>
    errorOf(key) && (
      <span id={`${uid}-${key}-error`} className="field-error">
        {errorOf(key)}
      </span>
    );
  const input = (key: BaseKey, label: string, extra: Record<string, unknown> = {}, hint?: string) => (
    <div className="field block">
      <label htmlFor={`${uid}-${key}`}>{label}</label>
      <input
        id={`${uid}-${key}`}
        type="text"
        value={fields[key]}
        onChange={set(key)}
        aria-invalid={errorOf(key) ? true : undefined}
        aria-describedby={described(key, hint !== undefined)}
        {...extra}
      />
      {hint !== undefined && (
        <span id={`${uid}-${key}-hint`} className="hint">
          {hint}
        </span>
      )}
      {errorLine(key)}
    </div>
  );

  const extraField = (f: ExtraField) => (
    <div className="field block" key={f.name}>
      <label htmlFor={`${uid}-${f.name}`}>{f.label}</label>
      {f.options ? (
        <select
          id={`${uid}-${f.name}`}
          value={extras[f.name] || f.options[0]?.value}
          onChange={(e) => setExtras({ ...extras, [f.name]: e.target.value })}
        >
          {f.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={`${uid}-${f.name}`}
          type="text"
          value={extras[f.name] ?? ''}
          onChange={(e) => setExtras({ ...extras, [f.name]: e.target.value })}
          required={f.required}
          placeholder={f.placeholder}
          autoComplete="off"
          aria-invalid={errorOf(f.name) ? true : undefined}
          aria-describedby={described(f.name, f.hint !== undefined)}
        />
      )}
      {f.hint !== undefined && (
        <span id={`${uid}-${f.name}-hint`} className="hint">
          {f.hint}
        </span>
      )}
      {errorLine(f.name)}
    </div>
  );

  return (
    <form
      className="price-form source-form"
      onSubmit={submit}
      aria-label={editing ? `Edit source ${props.source?.id}` : 'New source'}
    >
      <div className="field block">
        <label htmlFor={`${uid}-kind`}>Kind</label>
        <select
          id={`${uid}-kind`}
          value={fields.kind}
          onChange={set('kind')}
          aria-describedby={`${uid}-kind-help`}
        >
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KINDS[k].label}
            </option>
          ))}
        </select>
        <p id={`${uid}-kind-help`} className="hint source-kind-help" data-testid="source-kind-help">
          {spec.help}
        </p>
        {errorLine('kind')}
      </div>
      {input(
        'id',
        'Source ID',
        { readOnly: editing, required: true, placeholder: 'openai-prod', autoComplete: 'off' },
        editing ? undefined : 'Lowercase letters, digits, "-", "_" or "."',
      )}
      {input(
        'baseUrl',
        'Base URL',
        { type: 'url', placeholder: 'default for the kind', autoComplete: 'off' },
        'Leave empty for the provider’s own API',
      )}
      {input(
        'key',
        spec.keyLabel,
        {
          type: 'password',
          required: !editing,
          autoComplete: 'new-password',
          placeholder: editing ? 'unchanged' : '',
        },
        editing
          ? `Stored key ${props.source?.keyHint ?? '(none)'}; type a new one only to replace it`
          : 'Stored sealed; it is never shown again',
      )}
      {input('poll', 'Poll interval', { placeholder: '5m' }, 'e.g. 5m, 1h or a cron expression')}
      {input('backfillDays', 'Backfill days', { inputMode: 'numeric' })}
      {spec.fields.map(extraField)}
      <div className="price-form-actions">
        {errorOf('(form)') && (
          <span className="field-error" role="alert">
            {errorOf('(form)')}
          </span>
        )}
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          <Save size={16} aria-hidden="true" /> {busy ? 'Saving…' : editing ? 'Save source' : 'Add source'}
        </button>
      </div>
    </form>
  );
}
