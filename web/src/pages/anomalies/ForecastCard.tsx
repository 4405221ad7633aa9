import { useApi } from '../../api/useApi.ts';
import type { Filters } from '../../state/filters.ts';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import type { ForecastResponse } from './types.ts';
import './anomalies.css';

/** The month-end forecast for the overview's filters: P50 with the P10–P90 range, and how good it has been. */
export function ForecastCard(props: { filters: Filters }) {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(props.filters)) params.set(key, values.join(','));
  const forecast = useApi<ForecastResponse>(`/api/v1/forecast?${params}`);
  const f = forecast.data;
  if (forecast.error) return <ErrorState error={forecast.error} />;
  const span = f ? Number(f.projected.p90) || 1 : 1;
  const at = (x: string) => `${Math.min(100, (100 * Number(x)) / span)}%`;
  return (
    <Card
      title="Month-end forecast"
      subtitle={f ? `${f.month}, at the current rhythm` : undefined}
      busy={forecast.loading}
    >
      {!f ? (
        <Loading height={72} />
      ) : (
        <div data-testid="forecast">
          <div className="forecast-range">
            <span className="kpi-value" data-testid="forecast-p50">
              <Money amount={f.projected.p50} currency={f.currency} />
            </span>
            <span className="muted">
              P10 <Money amount={f.projected.p10} currency={f.currency} /> – P90{' '}
              <Money amount={f.projected.p90} currency={f.currency} />
            </span>
          </div>
          <div className="forecast-bar" aria-hidden="true">
            <span style={{ left: 0, width: at(f.actualToDate), background: '#4338ca' }} />
            <span
              style={{
                left: at(f.projected.p10),
                width: `calc(${at(f.projected.p90)} - ${at(f.projected.p10)})`,
                background: 'rgb(67 56 202 / 0.25)',
              }}
            />
          </div>
          <p className="muted">
            <Money amount={f.actualToDate} currency={f.currency} /> spent so far.{' '}
            {f.backtest.mape === null
              ? 'Too few past months to backtest yet.'
              : `On past months this forecast was off by ${f.backtest.mape.toFixed(1)}% on average (${f.backtest.months} month${f.backtest.months === 1 ? '' : 's'}).`}
          </p>
        </div>
      )}
    </Card>
  );
}
