import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { api } from '../../api/client.ts';
import {
  CheckField,
  errorFor,
  FormActions,
  SelectField,
  TextField,
  unplacedErrors,
  useSave,
} from '../../ui/FormField.tsx';
import { EventPicker } from './EventPicker.tsx';
import { type ChannelFields, channelBody, channelFields, takesUrl } from './fields.ts';
import { CHANNEL_KINDS, CHANNEL_LABELS, type Channel, MIN_SEVERITIES } from './types.ts';

/** Fields that show their own error; any other error is said above the buttons. */
const FIELDS = [
  'id',
  'kind',
  'url',
  'secret',
  'to',
  'from',
  'events',
  'scope.dimension',
  'scope.value',
  'minSeverity',
];
const SCOPE_DIMENSIONS = ['', 'team', 'project', 'user', 'model', 'provider'] as const;

/** The hint under a write-only field: what is stored, or that it will be sealed. */
function storedHint(what: string, hint: string | null | undefined, otherwise: string): string {
  return hint ? `Stored ${what} ${hint}; type a new one only to replace it` : otherwise;
}

/**
 * Adds an alert channel (`POST /api/v1/channels`) or changes one (`PUT /api/v1/channels/:id`). The URL
 * and signing secret are write-only: when editing they are empty, the hint says what is stored, and they
 * are sent only when typed.
 */
export function ChannelForm(props: {
  channel?: Channel;
  onSaved: (text: string) => void;
  onCancel: () => void;
}) {
  const c = props.channel;
  const [f, setFields] = useState<ChannelFields>(() => channelFields(c));
  const set =
    <K extends keyof ChannelFields>(key: K) =>
    (value: ChannelFields[K]) =>
      setFields((prev) => ({ ...prev, [key]: value }));

  const { submit, busy, errors } = useSave(async () => {
    const body = channelBody(f);
    if (c) await api(`/api/v1/channels/${encodeURIComponent(c.id)}`, { method: 'PUT', body });
    else await api('/api/v1/channels', { method: 'POST', body: { id: f.id.trim(), ...body } });
    invalidateAll();
    props.onSaved(c ? `Saved channel ${c.id}.` : `Added channel ${f.id.trim()}.`);
  });

  const err = (key: string) => errorFor(errors, key);
  return (
    <form
      className="price-form channel-form"
      onSubmit={submit}
      aria-label={c ? `Edit channel ${c.id}` : 'New channel'}
    >
      <SelectField
        label="Kind"
        value={f.kind}
        options={CHANNEL_KINDS.map((k) => ({ value: k, label: CHANNEL_LABELS[k] }))}
        onChange={set('kind')}
        error={err('kind')}
      />
      <TextField
        label="Channel ID"
        value={f.id}
        onChange={set('id')}
        error={err('id')}
        hint={c ? undefined : 'Lowercase letters, digits, "-", "_" or "."'}
        input={{ readOnly: c !== undefined, required: true, placeholder: 'ml-slack' }}
      />
      {takesUrl(f.kind) && (
        <TextField
          label={f.kind === 'slack' ? 'Webhook URL' : 'URL'}
          value={f.url}
          onChange={set('url')}
          error={err('url')}
          hint={storedHint('URL', c?.urlHint, 'Stored sealed; it is never shown again')}
          input={{
            type: 'password',
            required: !c?.urlHint,
            autoComplete: 'new-password',
            placeholder: c?.urlHint ? 'unchanged' : 'https://…',
          }}
        />
      )}
      {f.kind === 'webhook' && (
        <TextField
          label="Signing secret"
          value={f.secret}
          onChange={set('secret')}
          error={err('secret')}
          hint={storedHint('secret', c?.secretHint, 'Signs X-Spendlens-Signature (HMAC-SHA256); optional')}
          input={{
            type: 'password',
            autoComplete: 'new-password',
            placeholder: c?.secretHint ? 'unchanged' : '',
          }}
        />
      )}
      {f.kind === 'email' && (
        <>
          <TextField
            label="Recipients"
            value={f.to}
            onChange={set('to')}
            error={err('to')}
            hint="Email addresses, separated by commas"
            input={{ required: true, placeholder: 'ml-leads@example.com' }}
          />
          <TextField
            label="From"
            value={f.from}
            onChange={set('from')}
            error={err('from')}
            hint="Empty: the SMTP default"
          />
        </>
      )}
      <SelectField
        label="Only for"
        value={f.scopeDimension}
        options={SCOPE_DIMENSIONS.map((d) => ({ value: d, label: d ? `One ${d}` : 'Every scope' }))}
        onChange={set('scopeDimension')}
        error={err('scope.dimension')}
      />
      {f.scopeDimension && (
        <TextField
          label={`The ${f.scopeDimension}`}
          value={f.scopeValue}
          onChange={set('scopeValue')}
          error={err('scope.value')}
          input={{ required: true }}
        />
      )}
      <SelectField
        label="Anomalies from"
        value={f.minSeverity}
        options={MIN_SEVERITIES.map((s) => ({ value: s, label: `${s} severity` }))}
        onChange={set('minSeverity')}
        error={err('minSeverity')}
      />
      <CheckField label="Enabled" checked={f.enabled} onChange={set('enabled')} />
      <EventPicker value={f.events} onChange={set('events')} error={err('events')} />
      <FormActions
        errors={unplacedErrors(errors, FIELDS)}
        busy={busy}
        saveLabel={c ? 'Save channel' : 'Add channel'}
        onCancel={props.onCancel}
      />
    </form>
  );
}
