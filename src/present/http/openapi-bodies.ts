import type { z } from 'zod';
import { createSchema as channelCreate, updateSchema as channelUpdate } from '../../app/alerts/channels.ts';
import { updateSchema as budgetUpdate } from '../../app/budgets/manage.ts';
import { activityInputSchema } from '../../app/sources/activities.ts';
import { createSchema as sourceCreate, updateSchema as sourceUpdate } from '../../app/sources/manage.ts';
import { voidRequestSchema } from '../../app/void-usage.ts';
import { ruleInputSchema } from '../../attribute/rules.ts';
import { budgetSettingsSchema } from '../../config/alerting.ts';
import { subscriptionChangeSchema, subscriptionSettingsSchema } from '../../config/subscriptions.ts';
import { bodySchema as analyseBody } from './routes/analyse-compat.ts';
import { inviteBody, memberBody, teamBody, tokenBody, userChange } from './routes/identity.ts';
import { updateSchema as catalogUpdate, repriceSchema } from './routes/pricing.ts';
import { runBody } from './routes/reports.ts';
import { acceptBody, signInBody } from './routes/session.ts';
import { muteSchema } from './routes/status-routes.ts';

/**
 * The request bodies the routes parse, by operation: the same zod schemas the routes and use cases
 * validate with, so the document's request bodies are generated from what is enforced. (`POST
 * /api/v1/usage` and `PUT /api/v1/pricing/overrides` name their bodies in the document already.)
 */
export const BODIES: Record<string, z.ZodType> = {
  'POST /api/v1/usage/void': voidRequestSchema,
  // why: a budget posted without an id gets one from its name
  'POST /api/v1/budgets': budgetSettingsSchema.partial({ id: true }),
  'PUT /api/v1/budgets/:id': budgetUpdate,
  'POST /api/v1/channels': channelCreate,
  'PUT /api/v1/channels/:id': channelUpdate,
  'POST /api/v1/sources': sourceCreate,
  'PUT /api/v1/sources/:id': sourceUpdate,
  'POST /api/v1/subscriptions': subscriptionSettingsSchema,
  'PUT /api/v1/subscriptions/:id': subscriptionChangeSchema,
  'POST /api/v1/activity': activityInputSchema,
  'POST /api/v1/attribution/rules': ruleInputSchema,
  'PUT /api/v1/attribution/rules/:id': ruleInputSchema,
  'POST /api/v1/users': inviteBody,
  'POST /api/v1/invitations': inviteBody,
  'PUT /api/v1/users/:id': userChange,
  'POST /api/v1/teams': teamBody,
  'POST /api/v1/teams/:name/members': memberBody,
  'POST /api/v1/tokens': tokenBody,
  'POST /api/session': signInBody,
  'POST /api/invitations/:token/accept': acceptBody,
  'POST /api/v1/reports/run': runBody,
  'POST /api/v1/pricing/reprice': repriceSchema,
  'POST /api/v1/pricing/update': catalogUpdate,
  'POST /api/v1/anomalies/:id/mute': muteSchema,
  'POST /api/v1/incidents/:id/mute': muteSchema,
  'POST /v1/analyse-spend': analyseBody,
};
