import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARD_PATH = join(import.meta.dirname, '../../deploy/grafana/spendlens-dashboard.json');

interface Panel {
  id: number;
  title: string;
  type: string;
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { type: string; uid: string } }[];
  panels?: Panel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  templating: { list: { name: string; type: string; query: unknown }[] };
  panels: Panel[];
}

export function readDashboard(): Dashboard {
  return JSON.parse(readFileSync(DASHBOARD_PATH, 'utf8')) as Dashboard;
}

/** Every panel of the dashboard, those inside collapsed rows included. */
export function allPanels(d: Dashboard): Panel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/**
 * Every panel query of the shipped dashboard with its variables replaced by `values` (Grafana's own
 * `$__…` intervals by 5m), as Prometheus would receive it; an unknown variable throws.
 */
export function dashboardQueries(values: Record<string, string>): { panel: string; expr: string }[] {
  return allPanels(readDashboard()).flatMap((p) =>
    (p.targets ?? []).map((t) => ({
      panel: p.title,
      expr: t.expr.replace(/\$\{?(\w+)\}?/g, (_, name: string) => {
        if (name.startsWith('__')) return '5m';
        const value = values[name];
        if (value === undefined) throw new Error(`${p.title}: no value for $${name}`);
        return value;
      }),
    })),
  );
}
