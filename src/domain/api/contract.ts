import type { z } from 'zod';
import { Alert, AlertList, Budget, BudgetList, Channel, ChannelList, ChannelTest } from './alerting.ts';
import {
  Anomaly,
  AnomalyList,
  Baseline,
  Forecast,
  Incident,
  IncidentList,
  Reconciliation,
  Summary,
} from './analysis.ts';
import { AnalyseAccepted, JobResult } from './compat.ts';
import { IngestResult, SpendResponse, TransactionsResponse, UsagePage, VoidResult } from './ledger.ts';
import {
  ActivityList,
  ActivityResult,
  AuditList,
  InvitationCreated,
  InvitationInfo,
  InvitationList,
  Reapplied,
  Refusals,
  ReportList,
  Repriced,
  RuleList,
  RuleSaved,
  Session,
  Source,
  SourceList,
  Subscription,
  SubscriptionList,
  SyncResult,
  Team,
  TeamList,
  TokenCreated,
  TokenList,
  User,
  UserList,
} from './operations.ts';
import { CatalogUpdate, OverridesSaved, PricesImported, Pricing } from './pricing.ts';
import { Report } from './reports.ts';
import { Health, OtlpAnswer } from './service.ts';

/** One operation's answer as the contract describes it. */
export interface OperationContract {
  /** The success status and the JSON body it carries; null: no JSON body (see `contentType`). */
  status: number;
  response: z.ZodType | null;
  /** The media type of a body that is not JSON (CSV, HTML, text); absent with a null response: no body. */
  contentType?: string;
}

const noBody = { status: 204, response: null } as const;

/**
 * The routes whose answers are written once here: the OpenAPI document takes their response schemas
 * from this table, and the contract test (test/http/contract.test.ts) checks each route's real answers
 * against them. Keyed `METHOD /path` as Fastify registers the route.
 */
export const CONTRACT: Record<string, OperationContract> = {
  'POST /api/v1/usage': { status: 200, response: IngestResult },
  'GET /api/v1/usage': { status: 200, response: UsagePage },
  'POST /api/v1/usage/void': { status: 200, response: VoidResult },
  'GET /api/v1/spend': { status: 200, response: SpendResponse },
  'GET /api/v1/summary': { status: 200, response: Summary },
  'GET /api/v1/anomalies': { status: 200, response: AnomalyList },
  'GET /api/v1/forecast': { status: 200, response: Forecast },
  'GET /api/v1/baseline': { status: 200, response: Baseline },
  'POST /api/v1/anomalies/:id/acknowledge': { status: 200, response: Anomaly },
  'POST /api/v1/anomalies/:id/mute': { status: 200, response: Anomaly },
  'POST /api/v1/anomalies/:id/reopen': { status: 200, response: Anomaly },
  'GET /api/v1/incidents': { status: 200, response: IncidentList },
  'POST /api/v1/incidents/:id/acknowledge': { status: 200, response: Incident },
  'POST /api/v1/incidents/:id/mute': { status: 200, response: Incident },
  'POST /api/v1/incidents/:id/reopen': { status: 200, response: Incident },
  'GET /api/v1/reconciliation': { status: 200, response: Reconciliation },
  'GET /v1/transactions': { status: 200, response: TransactionsResponse },
  'GET /healthz': { status: 200, response: Health },
  'POST /api/v1/budgets': { status: 201, response: Budget },
  'GET /api/v1/budgets': { status: 200, response: BudgetList },
  'GET /api/v1/budgets/:id': { status: 200, response: Budget },
  'PUT /api/v1/budgets/:id': { status: 200, response: Budget },
  'GET /api/v1/alerts': { status: 200, response: AlertList },
  'GET /api/v1/alerts/:id': { status: 200, response: Alert },
  'POST /api/v1/channels': { status: 201, response: Channel },
  'GET /api/v1/channels': { status: 200, response: ChannelList },
  'GET /api/v1/channels/:id': { status: 200, response: Channel },
  'PUT /api/v1/channels/:id': { status: 200, response: Channel },
  'POST /api/v1/channels/:id/test': { status: 200, response: ChannelTest },
  'POST /api/v1/sources': { status: 201, response: Source },
  'GET /api/v1/sources': { status: 200, response: SourceList },
  'GET /api/v1/sources/:id': { status: 200, response: Source },
  'PUT /api/v1/sources/:id': { status: 200, response: Source },
  'POST /api/v1/activity': { status: 200, response: ActivityResult },
  'GET /api/v1/activity': { status: 200, response: ActivityList },
  'POST /api/v1/attribution/rules': { status: 201, response: RuleSaved },
  'GET /api/v1/attribution/rules': { status: 200, response: RuleList },
  'GET /api/v1/reports': { status: 200, response: ReportList },
  'POST /api/v1/pricing/reprice': { status: 200, response: Repriced },
  'PUT /api/v1/pricing/overrides': { status: 200, response: OverridesSaved },
  'GET /api/v1/pricing': { status: 200, response: Pricing },
  'POST /api/v1/pricing/import': { status: 200, response: PricesImported },
  'POST /api/v1/pricing/update': { status: 200, response: CatalogUpdate },
  'POST /v1/analyse-spend': { status: 202, response: AnalyseAccepted },
  'POST /v1/traces': { status: 200, response: OtlpAnswer },
  'POST /v1/logs': { status: 200, response: OtlpAnswer },
  'POST /v1/metrics': { status: 200, response: OtlpAnswer },
  'POST /api/v2/write': noBody,
  'GET /api/openapi.json': { status: 200, response: null, contentType: 'application/json' },
  'GET /v1/jobs/:id/results': { status: 200, response: JobResult },
  'POST /api/v1/sources/:id/sync': { status: 200, response: SyncResult },
  'POST /api/v1/attribution/reapply': { status: 200, response: Reapplied },
  'PUT /api/v1/attribution/rules/:id': { status: 200, response: RuleSaved },
  'POST /api/v1/reports/run': { status: 201, response: Report },
  'GET /api/v1/reports/:id': { status: 200, response: Report },
  'GET /api/v1/reports/:id/html': { status: 200, response: null, contentType: 'text/html' },
  'GET /api/v1/reports/:id/csv': { status: 200, response: null, contentType: 'text/csv' },
  'GET /api/v1/export/focus': { status: 200, response: null, contentType: 'text/csv' },
  'GET /metrics': { status: 200, response: null, contentType: 'text/plain' },
  'POST /api/v1/teams': { status: 201, response: Team },
  'GET /api/v1/teams': { status: 200, response: TeamList },
  'POST /api/v1/tokens': { status: 201, response: TokenCreated },
  'GET /api/v1/tokens': { status: 200, response: TokenList },
  'GET /api/v1/audit': { status: 200, response: AuditList },
  'POST /api/v1/invitations': { status: 201, response: InvitationCreated },
  'GET /api/v1/invitations': { status: 200, response: InvitationList },
  'GET /api/v1/gateway/refusals': { status: 200, response: Refusals },
  'POST /api/v1/users': { status: 201, response: InvitationCreated },
  'GET /api/v1/users': { status: 200, response: UserList },
  'GET /api/session': { status: 200, response: Session },
  'POST /api/session': { status: 200, response: Session },
  'GET /api/invitations/:token': { status: 200, response: InvitationInfo },
  'POST /api/invitations/:token/accept': { status: 200, response: Session },
  'PUT /api/v1/users/:id': { status: 200, response: User },
  'POST /api/v1/users/:id/reset-password': { status: 201, response: InvitationCreated },
  'POST /api/v1/teams/:name/members': noBody,
  'POST /api/v1/subscriptions': { status: 201, response: Subscription },
  'GET /api/v1/subscriptions': { status: 200, response: SubscriptionList },
  'GET /api/v1/subscriptions/:id': { status: 200, response: Subscription },
  'PUT /api/v1/subscriptions/:id': { status: 200, response: Subscription },
  // Removals last: the contract test removes what the operations above created.
  'DELETE /api/v1/attribution/rules/:id': noBody,
  'DELETE /api/v1/subscriptions/:id': noBody,
  'DELETE /api/v1/budgets/:id': noBody,
  'DELETE /api/v1/channels/:id': noBody,
  'DELETE /api/v1/sources/:id': noBody,
  'DELETE /api/v1/tokens/:id': noBody,
  'DELETE /api/v1/teams/:name/members/:user': noBody,
  'DELETE /api/v1/users/:id': noBody,
  'DELETE /api/v1/teams/:name': noBody,
  'DELETE /api/session': { status: 200, response: Session },
};
