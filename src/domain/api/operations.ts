import { z } from 'zod';
import { sourceSettingsSchema } from '../../config/sources.ts';
import { ROLES, TEAM_ROLES } from '../access.ts';
import { SUBSCRIPTION_VENDORS } from '../subscriptions.ts';
import { Currency, Day, Instant, Money, named } from './common.ts';

/** A source as answers show it: its settings (the config's definition), masked key and health. */
export const Source = named(
  z.strictObject({
    id: z.string(),
    kind: z.string(),
    origin: z.enum(['config', 'api']),
    settings: sourceSettingsSchema.extend({
      keyEnv: z
        .string()
        .optional()
        .meta({ description: 'For a source from spendlens.toml: the variable holding its key' }),
    }),
    keyHint: z
      .string()
      .nullable()
      .meta({ description: 'The key masked (••••3456), or $VAR for a config key' }),
    status: z.enum(['ok', 'failing', 'pending']),
    lastAttemptAt: Instant.nullable(),
    lastSuccessAt: Instant.nullable(),
    lastError: z.string().nullable(),
    lagSeconds: z.number().int().nullable().meta({
      description:
        'Seconds between now and the point every stream has fetched up to; null before the first window',
    }),
    recordsIngested: z.number().int(),
    detail: z
      .string()
      .nullable()
      .meta({ description: 'What the source says of itself, e.g. which API its key reaches' }),
  }),
  'Source',
);

export const SourceList = named(z.strictObject({ sources: z.array(Source) }), 'SourceList');

export const Activity = z.strictObject({
  id: z.string(),
  user: z.string(),
  context: z.string(),
  project: z.string().nullable(),
  team: z.string().nullable(),
  source: z.string(),
  start: Instant,
  end: Instant,
});

export const ActivityList = named(z.strictObject({ activities: z.array(Activity) }), 'ActivityList');

export const ActivityResult = named(
  z.strictObject({
    accepted: z.number().int(),
    joined: z
      .number()
      .int()
      .meta({ description: 'Stored records that took a context from these activities' }),
  }),
  'ActivityResult',
);

export const Reapplied = named(
  z.strictObject({ examined: z.number().int(), changed: z.number().int() }),
  'Reapplied',
);

export const RuleList = named(
  z.strictObject({
    rules: z.array(
      z.strictObject({
        id: z.string(),
        origin: z.enum(['config', 'api']),
        match: z.record(z.string(), z.unknown()),
        set: z.record(z.string(), z.string()),
      }),
    ),
  }),
  'RuleList',
);

export const RuleSaved = named(z.strictObject({ id: z.string(), reapplied: Reapplied }), 'RuleSaved');

export const ReportList = named(
  z.strictObject({
    reports: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(['daily', 'weekly']),
        periodStart: Instant,
        periodEnd: Instant,
        createdAt: Instant,
        total: Money,
        currency: Currency,
        changePercent: z.number().nullable(),
      }),
    ),
  }),
  'ReportList',
);

export const Repriced = named(
  z.strictObject({ examined: z.number().int(), changed: z.number().int(), stillUnpriced: z.number().int() }),
  'Repriced',
);

export const Team = named(
  z.strictObject({
    name: z.string(),
    createdAt: Instant,
    members: z.array(
      z.strictObject({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(TEAM_ROLES) }),
    ),
  }),
  'Team',
);

export const TeamList = named(z.strictObject({ teams: z.array(Team) }), 'TeamList');

const TokenFields = {
  id: z.string(),
  label: z.string(),
  scopes: z.array(z.string()),
  team: z.string().nullable(),
  createdBy: z.string(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable(),
  revokedAt: Instant.nullable(),
};

export const TokenList = named(z.strictObject({ tokens: z.array(z.strictObject(TokenFields)) }), 'TokenList');

export const TokenCreated = named(
  z.strictObject({
    ...TokenFields,
    token: z.string().meta({ description: 'Shown once; only its hash is kept' }),
  }),
  'TokenCreated',
);

export const AuditList = named(
  z.strictObject({
    entries: z.array(
      z.strictObject({
        at: Instant,
        actor: z.string(),
        action: z.string(),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  'AuditList',
);

export const InvitationList = named(
  z.strictObject({
    invitations: z.array(
      z.strictObject({
        email: z.string(),
        role: z.string(),
        teams: z.array(z.strictObject({ team: z.string(), role: z.enum(TEAM_ROLES) })),
        createdBy: z.string(),
        createdAt: Instant,
        expiresAt: Instant,
      }),
    ),
  }),
  'InvitationList',
);

export const InvitationCreated = named(
  z.strictObject({
    link: z.string(),
    url: z.string(),
    expiresAt: Instant,
    emailed: z.boolean(),
  }),
  'InvitationCreated',
);

export const Refusals = named(
  z.strictObject({
    refusals: z.array(
      z.strictObject({
        at: Instant,
        apiKey: z.string().nullable(),
        upstream: z.string(),
        model: z.string().nullable(),
        reason: z.enum(['budget', 'rate_requests', 'rate_tokens']),
        budgetId: z.string().nullable(),
        message: z.string(),
      }),
    ),
  }),
  'GatewayRefusals',
);

const Membership = z.strictObject({ team: z.string(), role: z.enum(TEAM_ROLES) });

export const User = named(
  z.strictObject({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    teams: z.array(Membership),
    usageUser: z.string().meta({ description: 'The `user` value that is this person’s own usage' }),
    disabled: z.boolean(),
    lockedUntil: Instant.nullable(),
    createdAt: Instant,
    lastLoginAt: Instant.nullable(),
  }),
  'User',
);

export const UserList = named(z.strictObject({ users: z.array(User) }), 'UserList');

/** What an invitation or password-reset link is for, as its page shows before it is accepted. */
export const InvitationInfo = named(
  z.strictObject({
    kind: z.enum(['invite', 'reset', 'setup']),
    email: z.string().nullable(),
    role: z.enum(ROLES),
    teams: z.array(Membership),
    expiresAt: Instant,
  }),
  'InvitationInfo',
);

export const Session = named(
  z.union([
    z.strictObject({ signedIn: z.literal(false) }),
    z.strictObject({
      signedIn: z.literal(true),
      org: z.string(),
      label: z.string(),
      user: z
        .strictObject({
          email: z.string(),
          name: z.string(),
          role: z.enum(ROLES),
          teams: z.array(Membership),
        })
        .nullable(),
      role: z.enum(ROLES),
      teams: z
        .array(z.string())
        .nullable()
        .meta({ description: 'The teams it is limited to; null: the whole org' }),
      leadOf: z.array(z.string()),
      permissions: z.array(z.string()),
      csrfToken: z.string().nullable(),
    }),
  ]),
  'Session',
);

export const Subscription = named(
  z.strictObject({
    id: z.string(),
    origin: z.enum(['config', 'api']),
    vendor: z.enum(SUBSCRIPTION_VENDORS),
    plan: z.string(),
    amount: Money.meta({ description: 'Per month: per seat when `seats` is set, else the whole fee' }),
    currency: Currency,
    user: z.string().nullable(),
    team: z.string().nullable(),
    seats: z.number().int().nullable(),
    ledgerUser: z.string().nullable().meta({ description: 'The `user` its days carry in the ledger' }),
    seatHolders: z.array(z.string()),
    monthlyTotal: Money,
    startDate: Day,
    endDate: Day.nullable().meta({ description: 'The last day paid for; null while it runs' }),
    createdAt: Instant,
    updatedAt: Instant,
    spread: z
      .strictObject({ written: z.number().int(), removed: z.number().int() })
      .optional()
      .meta({ description: 'After a write: the ledger days written and removed' }),
  }),
  'Subscription',
);

export const SubscriptionList = named(
  z.strictObject({ subscriptions: z.array(Subscription) }),
  'SubscriptionList',
);

export const SyncResult = named(
  z.strictObject({
    sourceId: z.string(),
    ok: z.boolean(),
    inserted: z.number().int(),
    replaced: z.number().int(),
    rejected: z.number().int(),
    activities: z.number().int(),
    error: z.string().nullable(),
    source: Source,
  }),
  'SyncResult',
);
