import {
  BadgeDollarSign,
  Bell,
  Bot,
  FileText,
  LayoutDashboard,
  type LucideIcon,
  Plug,
  Scale,
  Settings,
  Siren,
  Table2,
  Upload,
  Wallet,
} from 'lucide-react';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { load } from '../api/cache.ts';
import { alertsPath } from './alerts/paths.ts';
import { anomaliesPaths } from './anomalies/paths.ts';
import { overviewPaths } from './overview/paths.ts';
import { REPORTS_PATH } from './reports/paths.ts';

/** One page of the dashboard; later issues add theirs here and they appear in the navigation. */
export interface PageDef {
  path: string;
  label: string;
  icon: LucideIcon;
  component: LazyExoticComponent<ComponentType>;
  /** Starts loading the page's code (and data, where it knows what it needs) before it is drawn. */
  preload: (search: URLSearchParams) => void;
  /** Whether links to it carry the current range and filters along. */
  keepsView: boolean;
}

export const PAGES: PageDef[] = [
  {
    path: '/',
    label: 'Overview',
    icon: LayoutDashboard,
    component: lazy(() => import('./overview/OverviewPage.tsx')),
    preload: (search) => {
      void import('./overview/OverviewPage.tsx');
      const paths = overviewPaths(search, new Date());
      for (const path of [paths.summary, paths.trend, paths.current, paths.previous])
        load(path).catch(() => {});
    },
    keepsView: true,
  },
  {
    path: '/explore',
    label: 'Explore',
    icon: Table2,
    component: lazy(() => import('./explore/ExplorePage.tsx')),
    preload: () => void import('./explore/ExplorePage.tsx'),
    keepsView: true,
  },
  {
    path: '/assistants',
    label: 'Coding assistants',
    icon: Bot,
    component: lazy(() => import('./assistants/AssistantsPage.tsx')),
    preload: () => void import('./assistants/AssistantsPage.tsx'),
    keepsView: true,
  },
  {
    path: '/anomalies',
    label: 'Anomalies',
    icon: Siren,
    component: lazy(() => import('./anomalies/AnomaliesPage.tsx')),
    preload: (search) => {
      void import('./anomalies/AnomaliesPage.tsx');
      load(anomaliesPaths(search, new Date()).list).catch(() => {});
    },
    keepsView: true,
  },
  {
    path: '/budgets',
    label: 'Budgets',
    icon: Wallet,
    component: lazy(() => import('./budgets/BudgetsPage.tsx')),
    preload: () => {
      void import('./budgets/BudgetsPage.tsx');
      load('/api/v1/budgets').catch(() => {});
    },
    keepsView: false,
  },
  {
    path: '/alerts',
    label: 'Alerts',
    icon: Bell,
    component: lazy(() => import('./alerts/AlertsPage.tsx')),
    preload: () => {
      void import('./alerts/AlertsPage.tsx');
      load(alertsPath(null)).catch(() => {});
      load('/api/v1/channels').catch(() => {});
    },
    keepsView: false,
  },
  {
    path: '/reports',
    label: 'Reports',
    icon: FileText,
    component: lazy(() => import('./reports/ReportsPage.tsx')),
    preload: () => {
      void import('./reports/ReportsPage.tsx');
      load(REPORTS_PATH).catch(() => {});
    },
    keepsView: false,
  },
  {
    path: '/import',
    label: 'Import',
    icon: Upload,
    component: lazy(() => import('./import/ImportPage.tsx')),
    preload: () => void import('./import/ImportPage.tsx'),
    keepsView: false,
  },
  {
    path: '/pricing',
    label: 'Pricing',
    icon: BadgeDollarSign,
    component: lazy(() => import('./pricing/PricingPage.tsx')),
    preload: () => void import('./pricing/PricingPage.tsx'),
    keepsView: false,
  },
  {
    path: '/sources',
    label: 'Sources',
    icon: Plug,
    component: lazy(() => import('./sources/SourcesPage.tsx')),
    preload: () => {
      void import('./sources/SourcesPage.tsx');
      load('/api/v1/sources').catch(() => {});
    },
    keepsView: false,
  },
  {
    path: '/reconciliation',
    label: 'Reconciliation',
    icon: Scale,
    component: lazy(() => import('./reconciliation/ReconciliationPage.tsx')),
    preload: () => void import('./reconciliation/ReconciliationPage.tsx'),
    keepsView: true,
  },
  {
    path: '/settings',
    label: 'Settings',
    icon: Settings,
    component: lazy(() => import('./settings/SettingsPage.tsx')),
    preload: () => {
      void import('./settings/SettingsPage.tsx');
      load('/api/v1/attribution/rules').catch(() => {});
    },
    keepsView: false,
  },
];

/** The page for a path; a trailing slash is ignored. */
export function findPage(path: string): PageDef | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return PAGES.find((p) => p.path === clean);
}
