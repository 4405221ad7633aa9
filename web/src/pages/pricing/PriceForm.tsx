import { Save } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { ApiError, api } from '../../api/client.ts';
import type { FieldError } from '../../api/types.ts';
import { plural } from '../../lib/format.ts';

interface Fields {
  provider: string;
  model: string;
  effectiveFrom: string;
  input: string;
  output: string;
  cacheRead: string;
}

interface RepriceAnswer {
  repriced: { examined: number; changed: number; stillUnpriced: number } | null;
}

/**
 * Sets a model's price (USD per 1M tokens) from a date, then re-prices the records it covers:
 * `PUT /api/v1/pricing/overrides?reprice=true`. Every view reloads afterwards, so totals move at once.
 */
export function PriceForm(props: {
  initial: Partial<Fields>;
  fixedModel?: boolean;
  onSaved: (message: string) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [fields, setFields] = useState<Fields>({
    provider: '',
    model: '',
    effectiveFrom: new Date().toISOString().slice(0, 10),
    input: '',
    output: '',
    cacheRead: '',
    ...props.initial,
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });
  const errorOf = (key: string) => errors.find((e) => e.path === key || e.path.endsWith(`.${key}`))?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const { cacheRead, ...rest } = fields;
    try {
      const answer = await api<RepriceAnswer>('/api/v1/pricing/overrides?reprice=true', {
        method: 'PUT',
        body: { ...rest, ...(cacheRead.trim() ? { cacheRead: cacheRead.trim() } : {}) },
      });
      invalidateAll();
      const changed = answer.repriced?.changed ?? 0;
      props.onSaved(`Saved the price of ${fields.model}; re-priced ${plural(changed, 'record')}.`);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      setErrors(e.errors.length ? e.errors : [{ path: '(form)', message: e.message }]);
      setBusy(false);
    }
  };

  const field = (key: keyof Fields, label: string, extra: Record<string, unknown> = {}) => (
    <div className="field block">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="text"
        value={fields[key]}
        onChange={set(key)}
        aria-invalid={errorOf(key) ? true : undefined}
        aria-describedby={errorOf(key) ? `${id}-${key}-error` : undefined}
        {...extra}
      />
      {errorOf(key) && (
        <span id={`${id}-${key}-error`} className="field-error">
          {errorOf(key)}
        </span>
      )}
    </div>
  );

  return (
    <form
      className="price-form"
      onSubmit={submit}
      aria-label={props.fixedModel ? `Price for ${fields.model}` : 'New price'}
    >
      {field('provider', 'Provider', { readOnly: props.fixedModel, required: true })}
      {field('model', 'Model', { readOnly: props.fixedModel, required: true })}
      {field('effectiveFrom', 'Effective from', { type: 'date', required: true })}
      {field('input', 'Input $ / 1M tokens', { inputMode: 'decimal', required: true, placeholder: '2.50' })}
      {field('output', 'Output $ / 1M tokens', {
        inputMode: 'decimal',
        required: true,
        placeholder: '10.00',
      })}
      {field('cacheRead', 'Cache read $ / 1M', { inputMode: 'decimal', placeholder: 'optional' })}
      <div className="price-form-actions">
        {errorOf('(form)') && (
          <span className="field-error" role="alert">
            {errorOf('(form)')}
          </span>
        )}
        {props.onCancel && (
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          <Save size={16} aria-hidden="true" /> {busy ? 'Saving…' : 'Save and re-price'}
        </button>
      </div>
    </form>
  );
}
