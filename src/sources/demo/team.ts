import { DEMO_MODEL_NAMES, type ModelName } from './models.ts';

export const DEMO_TEAMS = ['platform', 'research', 'product'] as const;
export type DemoTeam = (typeof DEMO_TEAMS)[number];

/** Where a call comes from: a notebook, a CI job, a service. Contexts with `models` always use those. */
export interface DemoContext {
  name: string;
  env: 'prod' | 'dev';
  models?: readonly ModelName[];
  service?: 'batch';
  /** Bots and jobs feed whole documents or diffs, so their prompts run longer than a person's. */
  inputScale?: number;
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
      { name: 'jobs/ingest-docs', env: 'prod', inputScale: 2 },
      { name: 'notebooks/pipeline-debug.ipynb', env: 'dev' },
    ],
  },
  {
    name: 'internal-tools',
    team: 'platform',
    contexts: [
      { name: 'tools/code-review-bot', env: 'prod', inputScale: 3, models: ['claude-sonnet-4-5'] },
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
      {
        name: 'ci/eval-suite',
        env: 'prod',
        service: 'batch',
        models: ['gpt-4.1', 'gpt-5-mini', 'claude-haiku-4-5'],
      },
      { name: 'notebooks/eval-review.ipynb', env: 'dev' },
    ],
  },
  {
    name: 'support-bot',
    team: 'product',
    contexts: [
      { name: 'services/support-bot', env: 'prod', inputScale: 1.5 },
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
  /** Primary project first; three sessions in four land on it. */
  projects: readonly [string] | readonly [string, string];
  /** Calls on a weekday at the start of the 90-day window, before growth and noise. */
  callsPerDay: number;
  /** When the working day starts, in UTC hours (Europe ~6-9, US east ~13-14). */
  startHourUtc: number;
  /** Relative weights of the models this person reaches for. */
  models: Readonly<Partial<Record<ModelName, number>>>;
}

/** The twelve people of the fictional team, each in one team, each mostly on one or two projects. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    name: 'ana.silva',
    team: 'platform',
    projects: ['data-pipeline', 'internal-tools'],
    callsPerDay: 80,
    startHourUtc: 8,
    models: {
      'claude-sonnet-4-5': 5,
      'gpt-5': 2,
      'gpt-5-mini': 2,
      'gpt-4.1': 2,
      'text-embedding-3-small': 0.5,
    },
  },
  {
    name: 'marta.kowalski',
    team: 'platform',
    projects: ['data-pipeline'],
    callsPerDay: 60,
    startHourUtc: 7,
    models: { 'claude-sonnet-4-5': 4, 'gpt-4.1': 3, 'gpt-4o-mini': 1, 'gemini-2.5-flash': 2 },
  },
  {
    name: 'tom.becker',
    team: 'platform',
    projects: ['internal-tools', 'data-pipeline'],
    callsPerDay: 75,
    startHourUtc: 8,
    models: { 'claude-sonnet-4-5': 6, 'claude-haiku-4-5': 2, 'gpt-5': 2 },
  },
  {
    name: 'priya.nair',
    team: 'platform',
    projects: ['internal-tools'],
    callsPerDay: 60,
    startHourUtc: 13,
    models: { 'gpt-5': 4, 'gpt-5-mini': 2, 'claude-haiku-4-5': 2, 'gemini-2.5-flash': 1 },
  },
  {
    name: 'li.wei',
    team: 'research',
    projects: ['eval-harness', 'churn-model'],
    callsPerDay: 90,
    startHourUtc: 9,
    models: { 'gpt-5': 4, 'claude-sonnet-4-5': 5, 'gemini-2.5-pro': 2, 'claude-opus-4-1': 0.4 },
  },
  {
    name: 'sofia.rossi',
    team: 'research',
    projects: ['churn-model'],
    callsPerDay: 65,
    startHourUtc: 8,
    models: { 'claude-sonnet-4-5': 6, 'gpt-5': 2, 'gemini-2.5-pro': 1, 'claude-opus-4-1': 0.2 },
  },
  {
    name: 'david.okafor',
    team: 'research',
    projects: ['churn-model', 'eval-harness'],
    callsPerDay: 65,
    startHourUtc: 14,
    models: { 'gpt-5': 4, 'gpt-4.1': 2, 'gemini-2.5-pro': 3, 'text-embedding-3-small': 0.5 },
  },
  {
    name: 'yuki.tanaka',
    team: 'research',
    projects: ['eval-harness'],
    callsPerDay: 60,
    startHourUtc: 6,
    models: { 'gemini-2.5-pro': 4, 'gemini-2.5-flash': 2, 'gpt-5-mini': 1, 'claude-sonnet-4-5': 2 },
  },
  {
    name: 'lucas.martin',
    team: 'product',
    projects: ['support-bot'],
    callsPerDay: 65,
    startHourUtc: 8,
    models: { 'gpt-5-mini': 3, 'gpt-4o-mini': 2, 'claude-haiku-4-5': 2, 'gpt-5': 2, 'claude-sonnet-4-5': 3 },
  },
  {
    name: 'emma.johansson',
    team: 'product',
    projects: ['search', 'support-bot'],
    callsPerDay: 60,
    startHourUtc: 7,
    models: { 'text-embedding-3-small': 1.5, 'gemini-2.5-flash': 3, 'gpt-5-mini': 2, 'claude-sonnet-4-5': 2 },
  },
  {
    name: 'omar.haddad',
    team: 'product',
    projects: ['support-bot', 'search'],
    callsPerDay: 60,
    startHourUtc: 13,
    models: { 'gemini-2.5-flash': 3, 'gemini-2.5-pro': 4, 'gpt-5-mini': 2, 'claude-haiku-4-5': 1 },
  },
  {
    name: 'chloe.dubois',
    team: 'product',
    projects: ['search'],
    callsPerDay: 50,
    startHourUtc: 9,
    models: { 'text-embedding-3-small': 1, 'gpt-5-mini': 3, 'claude-sonnet-4-5': 3, 'gpt-4.1': 1 },
  },
];

/** A person's model weights as entries, in catalog order so the draw stays deterministic. */
export function modelMix(user: DemoUser): [ModelName, number][] {
  return DEMO_MODEL_NAMES.flatMap((model): [ModelName, number][] => {
    const weight = user.models[model];
    return weight ? [[model, weight]] : [];
  });
}

/** Looks up a project of the cast by name; the cast is fixed, so a miss is a bug in this folder. */
export function demoProject(name: string): DemoProject {
  const project = DEMO_PROJECTS.find((p) => p.name === name);
  if (!project) throw new Error(`demo cast has no project "${name}"`);
  return project;
}
