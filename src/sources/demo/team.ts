import type { ModelName } from './models.ts';

export const DEMO_TEAMS = ['platform', 'research', 'product'] as const;
export type DemoTeam = (typeof DEMO_TEAMS)[number];

/** Where a call comes from: a notebook, a CI job, a service. Contexts with `models` always use those. */
export interface DemoContext {
  name: string;
  env: 'prod' | 'dev';
  models?: readonly ModelName[];
  service?: 'batch';
}

export interface DemoProject {
  name: string;
  team: DemoTeam;
  contexts: readonly DemoContext[];
}

/** The six projects of the fictional team; each gets its own API key, `key_<project>`. */
export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    name: 'data-pipeline',
    team: 'platform',
    contexts: [
      { name: 'jobs/ingest-docs', env: 'prod' },
      { name: 'notebooks/pipeline-debug.ipynb', env: 'dev' },
    ],
  },
  {
    name: 'internal-tools',
    team: 'platform',
    contexts: [
      { name: 'tools/code-review-bot', env: 'prod' },
      { name: 'tools/slack-assistant', env: 'prod' },
      { name: 'scripts/changelog.ts', env: 'dev' },
    ],
  },
  {
    name: 'churn-model',
    team: 'research',
    contexts: [
      { name: 'notebooks/churn-model.ipynb', env: 'dev' },
      { name: 'notebooks/feature-explore.ipynb', env: 'dev' },
    ],
  },
  {
    name: 'eval-harness',
    team: 'research',
    contexts: [
      { name: 'ci/eval-suite', env: 'prod', service: 'batch', models: ['gpt-4.1', 'gpt-5-mini', 'claude-haiku-4-5'] },
      { name: 'notebooks/eval-review.ipynb', env: 'dev' },
    ],
  },
  {
    name: 'support-bot',
    team: 'product',
    contexts: [
      { name: 'services/support-bot', env: 'prod' },
      { name: 'notebooks/prompt-tuning.ipynb', env: 'dev' },
    ],
  },
  {
    name: 'search',
    team: 'product',
    contexts: [
      { name: 'services/search-indexer', env: 'prod', models: ['text-embedding-3-small'] },
      { name: 'services/query-rewrite', env: 'prod' },
      { name: 'jobs/reindex', env: 'prod', models: ['text-embedding-3-small'] },
    ],
  },
];

export interface DemoUser {
  name: string;
  team: DemoTeam;
  /** Primary project first; most sessions land on it. */
  projects: readonly [string] | readonly [string, string];
  /** Calls on a weekday at the start of the 90-day window, before growth and noise. */
  callsPerDay: number;
  /** When the working day starts, in UTC hours (Europe ~7-9, US east ~13-14). */
  startHourUtc: number;
  models: readonly (readonly [ModelName, number])[];
}

/** The twelve people of the fictional team, each in one team, each mostly on one or two projects. */
export const DEMO_USERS: readonly DemoUser[] = [
  // platform
  user('ana.silva', 'platform', ['data-pipeline', 'internal-tools'], 70, 8, [['claude-sonnet-4-5', 4], ['gpt-5-mini', 3], ['gpt-4.1', 2], ['text-embedding-3-small', 1]]),
  user('marta.kowalski', 'platform', ['data-pipeline'], 55, 7, [['claude-sonnet-4-5', 3], ['gpt-4.1', 3], ['gpt-4o-mini', 2], ['gemini-2.5-flash', 2]]),
  user('tom.becker', 'platform', ['internal-tools', 'data-pipeline'], 65, 8, [['claude-sonnet-4-5', 5], ['claude-haiku-4-5', 2], ['gpt-5', 2]]),
  user('priya.nair', 'platform', ['internal-tools'], 50, 13, [['gpt-5-mini', 3], ['gpt-5', 2], ['claude-haiku-4-5', 2], ['gemini-2.5-flash', 1]]),
  // research
  user('li.wei', 'research', ['eval-harness', 'churn-model'], 80, 9, [['gpt-5', 4], ['claude-sonnet-4-5', 3], ['gemini-2.5-pro', 2], ['claude-opus-4-1', 0.5]]),
  user('sofia.rossi', 'research', ['churn-model'], 60, 8, [['claude-sonnet-4-5', 4], ['gpt-5', 2], ['gemini-2.5-pro', 1], ['claude-opus-4-1', 0.4]]),
  user('david.okafor', 'research', ['churn-model', 'eval-harness'], 60, 14, [['gpt-5', 3], ['gpt-4.1', 2], ['gemini-2.5-pro', 2], ['text-embedding-3-small', 1]]),
  user('yuki.tanaka', 'research', ['eval-harness'], 55, 6, [['gemini-2.5-pro', 3], ['gemini-2.5-flash', 2], ['gpt-5-mini', 2], ['claude-sonnet-4-5', 1]]),
  // product
  user('lucas.martin', 'product', ['support-bot'], 75, 8, [['gpt-4o-mini', 4], ['gpt-5-mini', 3], ['claude-haiku-4-5', 2], ['gpt-5', 1]]),
  user('emma.johansson', 'product', ['search', 'support-bot'], 70, 7, [['text-embedding-3-small', 4], ['gemini-2.5-flash', 3], ['gpt-4o-mini', 2]]),
  user('omar.haddad', 'product', ['support-bot', 'search'], 65, 13, [['gemini-2.5-flash', 3], ['gemini-2.5-pro', 2], ['gpt-5-mini', 2], ['claude-haiku-4-5', 1]]),
  user('chloe.dubois', 'product', ['search'], 60, 9, [['text-embedding-3-small', 3], ['gpt-5-mini', 3], ['claude-sonnet-4-5', 1]]),
];

function user(
  name: string,
  team: DemoTeam,
  projects: DemoUser['projects'],
  callsPerDay: number,
  startHourUtc: number,
  models: DemoUser['models'],
): DemoUser {
  return { name, team, projects, callsPerDay, startHourUtc, models };
}

/** Looks up a project of the cast by name; the cast is fixed, so a miss is a bug in this folder. */
export function demoProject(name: string): DemoProject {
  const project = DEMO_PROJECTS.find((p) => p.name === name);
  if (!project) throw new Error(`demo cast has no project "${name}"`);
  return project;
}
