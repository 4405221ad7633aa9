import { addDays, type Day, daysBetween, monthStart } from './calendar.ts';
import type { DailySeries } from './daily.ts';
import type { MonthForecast } from './forecast.ts';

/**
 * The day the month's spend reaches `budget`: from the days already spent when it has, else along the
 * P50 path of the forecast; null when the projection stays under it.
 */
export function overrunDate(input: {
  history: DailySeries;
  today: Day;
  todaySoFar: number;
  forecast: MonthForecast;
  budget: number;
}): Day | null {
  const { history, today, forecast, budget } = input;
  let spent = 0;
  const first = monthStart(today);
  for (let i = Math.max(0, daysBetween(history.start, first)); i < history.values.length; i++) {
    spent += history.values[i]!;
    if (spent >= budget) return addDays(history.start, i);
  }
  if (spent + input.todaySoFar >= budget) return today;
  spent += input.todaySoFar;
  for (const { day, expected } of forecast.path) {
    spent += expected;
    if (spent >= budget) return day;
  }
  return null;
}
