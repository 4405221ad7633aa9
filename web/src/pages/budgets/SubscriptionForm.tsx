import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { api } from '../../api/client.ts';
import {
  errorFor,
  FormActions,
  SelectField,
  TextField,
  unplacedErrors,
  useSave,
} from '../../ui/FormField.tsx';
import {
  emptyFields,
  type Subscription,
  type SubscriptionFields,
  subscriptionBody,
  VENDORS,
} from './subscriptions.ts';

/** Fields that show their own error; any other error is said above the buttons. */
const FIELDS = [
  'id',
  'vendor',
  'plan',
  'user',
  'team',
  'seats',
  'amount',
  'currency',
  'startDate',
  'endDate',
];

/** Adds a seat or subscription (`POST /api/v1/subscriptions`). */
export function SubscriptionForm(props: { onSaved: (s: Subscription) => void; onCancel: () => void }) {
  const [f, setFields] = useState<SubscriptionFields>(() => emptyFields(new Date()));
  const set =
    <K extends keyof SubscriptionFields>(key: K) =>
    (value: SubscriptionFields[K]) =>
      setFields((prev) => ({ ...prev, [key]: value }));
  const { submit, busy, errors } = useSave(async () => {
    const saved = await api<Subscription>('/api/v1/subscriptions', {
      method: 'POST',
      body: subscriptionBody(f),
    });
    invalidateAll();
    props.onSaved(saved);
  });
  const err = (key: string) => errorFor(errors, key);
  return (
    <form className="price-form budget-form" onSubmit={submit} aria-label="New subscription">
      <SelectField
        label="Vendor"
        value={f.vendor}
        options={VENDORS.map((v) => ({ value: v.value, label: v.label }))}
        onChange={set('vendor')}
        error={err('vendor')}
      />
      <TextField
        label="Plan"
        value={f.plan}
        onChange={set('plan')}
        error={err('plan')}
        input={{ required: true, placeholder: 'Pro' }}
      />
      <SelectField
        label="For"
        value={f.holder}
        options={[
          { value: 'user', label: 'One person' },
          { value: 'team', label: 'A team' },
        ]}
        onChange={set('holder')}
      />
      {f.holder === 'user' ? (
        <TextField
          label="User"
          value={f.user}
          onChange={set('user')}
          error={err('user')}
          hint="An account's email or id, or the user name their usage carries"
          input={{ required: true, placeholder: 'ana@example.com' }}
        />
      ) : (
        <>
          <TextField
            label="Team"
            value={f.team}
            onChange={set('team')}
            error={err('team')}
            input={{ required: true }}
          />
          <TextField
            label="Seats"
            value={f.seats}
            onChange={set('seats')}
            error={err('seats')}
            hint="Empty: the amount is the team's whole fee"
            input={{ inputMode: 'numeric' }}
          />
        </>
      )}
      <TextField
        label={f.holder === 'team' && f.seats.trim() ? 'Amount per seat per month' : 'Amount per month'}
        value={f.amount}
        onChange={set('amount')}
        error={err('amount')}
        input={{ required: true, inputMode: 'decimal', placeholder: '20' }}
      />
      <TextField
        label="Currency"
        value={f.currency}
        onChange={set('currency')}
        error={err('currency')}
        hint="Empty: the reporting currency"
        input={{ maxLength: 3, placeholder: 'USD' }}
      />
      <TextField
        label="First day"
        value={f.startDate}
        onChange={set('startDate')}
        error={err('startDate')}
        input={{ type: 'date', required: true }}
      />
      <TextField
        label="Last day"
        value={f.endDate}
        onChange={set('endDate')}
        error={err('endDate')}
        hint="Empty: still running"
        input={{ type: 'date' }}
      />
      <TextField
        label="Subscription ID"
        value={f.id}
        onChange={set('id')}
        error={err('id')}
        hint="Empty: the vendor and who holds it"
      />
      <FormActions
        errors={unplacedErrors(errors, FIELDS)}
        busy={busy}
        saveLabel="Add subscription"
        onCancel={props.onCancel}
      />
    </form>
  );
}
