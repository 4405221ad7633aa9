import { useState } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import { api } from '../../api/client.ts';
import type { SpendResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { useTagKeys } from '../../state/tags.ts';
import {
  CheckField,
  errorFor,
  FormActions,
  SelectField,
  TextField,
  unplacedErrors,
  useSave,
} from '../../ui/FormField.tsx';
import {
  type BudgetFields,
  budgetBody,
  budgetFields,
  newBudgetId,
  SCOPE_KINDS,
  type ScopeFields,
  scopeDimension,
  slugId,
} from './fields.ts';
import { BUDGET_PERIODS, type Budget, PERIOD_LABELS } from './types.ts';

/** Fields that show their own error; any other error is said above the buttons. */
const FIELDS = ['id', 'name', 'scope.dimension', 'scope.value', 'period', 'amount', 'currency', 'thresholds'];

/** Values of the chosen dimension seen in the last 30 days, most spend first, offered while typing. */
function useScopeValues(dimension: string | null): string[] {
  const path =
    dimension && dimension !== 'org' ? `/api/v1/spend?groupBy=${encodeURIComponent(dimension)}` : null;
  const spend = useApi<SpendResponse>(path);
  if (!dimension || !spend.data) return [];
  const values = spend.data.rows
    .map((r) => r[dimension])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  return [...new Set(values)].slice(0, 100);
}

/** Adds a budget (`POST /api/v1/budgets`) or changes one (`PUT /api/v1/budgets/:id`). */
export function BudgetForm(props: {
  budget?: Budget;
  onSaved: (budget: Budget, text: string) => void;
  onCancel: () => void;
}) {
  const b = props.budget;
  const [f, setFields] = useState<BudgetFields>(() => budgetFields(b));
  const tagKeys = useTagKeys(f.scope.kind === 'tag');
  const suggestions = useScopeValues(scopeDimension(f.scope));
  const set =
    <K extends keyof BudgetFields>(key: K) =>
    (value: BudgetFields[K]) =>
      setFields((prev) => ({ ...prev, [key]: value }));
  const setScope = (change: Partial<ScopeFields>) => set('scope')({ ...f.scope, ...change });

  const { submit, busy, errors } = useSave(async () => {
    const body = budgetBody(f);
    const saved = b
      ? await api<Budget>(`/api/v1/budgets/${encodeURIComponent(b.id)}`, { method: 'PUT', body })
      : await api<Budget>('/api/v1/budgets', { method: 'POST', body: { id: newBudgetId(f), ...body } });
    invalidateAll();
    props.onSaved(saved, b ? `Saved budget ${saved.name}.` : `Added budget ${saved.name}.`);
  });

  const err = (key: string) => errorFor(errors, key);
  return (
    <form
      className="price-form budget-form"
      onSubmit={submit}
      aria-label={b ? `Edit budget ${b.name}` : 'New budget'}
    >
      <TextField
        label="Name"
        value={f.name}
        onChange={set('name')}
        error={err('name')}
        input={{ required: true, placeholder: 'ML team monthly' }}
      />
      {!b && (
        <TextField
          label="Budget ID"
          value={f.id}
          onChange={set('id')}
          error={err('id')}
          hint={`Leave empty for “${slugId(f.name) || 'from the name'}”`}
        />
      )}
      <SelectField
        label="Scope"
        value={f.scope.kind}
        options={SCOPE_KINDS.map((k) => ({ value: k.value, label: k.label }))}
        onChange={(kind) => setScope({ kind })}
        error={err('scope.dimension')}
      />
      {f.scope.kind === 'tag' && (
        <TextField
          label="Tag key"
          value={f.scope.tagKey}
          onChange={(tagKey) => setScope({ tagKey })}
          suggestions={tagKeys}
          input={{ required: true, placeholder: 'env' }}
        />
      )}
      {f.scope.kind !== 'org' && (
        <CheckField
          label={`Every ${(SCOPE_KINDS.find((k) => k.value === f.scope.kind)?.label ?? 'value').toLowerCase()}, each with this budget of its own`}
          checked={f.scope.each}
          onChange={(each) => setScope({ each })}
        />
      )}
      {f.scope.kind !== 'org' && !f.scope.each && (
        <TextField
          label={`${SCOPE_KINDS.find((k) => k.value === f.scope.kind)?.label ?? 'Scope'} value`}
          value={f.scope.value}
          onChange={(value) => setScope({ value })}
          error={err('scope.value')}
          suggestions={suggestions}
          input={{ required: true }}
        />
      )}
      <SelectField
        label="Period"
        value={f.period}
        options={BUDGET_PERIODS.map((p) => ({ value: p, label: PERIOD_LABELS[p] }))}
        onChange={set('period')}
        error={err('period')}
      />
      <TextField
        label="Amount"
        value={f.amount}
        onChange={set('amount')}
        error={err('amount')}
        input={{ required: true, inputMode: 'decimal', placeholder: '500' }}
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
        label="Thresholds (%)"
        value={f.thresholds}
        onChange={set('thresholds')}
        error={err('thresholds')}
        hint="Alert when spend passes each, e.g. 50, 80, 100"
      />
      <CheckField
        label="Alert when the forecast says it will be exceeded"
        checked={f.alertOnForecast}
        onChange={set('alertOnForecast')}
      />
      <FormActions
        errors={unplacedErrors(errors, FIELDS)}
        busy={busy}
        saveLabel={b ? 'Save budget' : 'Add budget'}
        onCancel={props.onCancel}
      />
    </form>
  );
}
