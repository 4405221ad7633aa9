// The demo source: a fictional team's AI usage, generated from a seed, for `spendlens serve --demo`.
export { DEMO_EVENTS } from './events.ts';
export { type DemoOptions, generateDemoUsage } from './generate.ts';
export { DEMO_MODEL_NAMES, type ModelName } from './models.ts';
export {
  DEMO_PROJECTS,
  DEMO_TEAMS,
  DEMO_USERS,
  type DemoProject,
  type DemoTeam,
  type DemoUser,
} from './team.ts';
