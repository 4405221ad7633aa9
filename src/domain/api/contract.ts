import type { z } from 'zod';
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
import { IngestResult, SpendResponse, TransactionsResponse, UsagePage, VoidResult } from './ledger.ts';
import { Health } from './service.ts';

/** One operation's answer as the contract describes it. */
export interface OperationContract {
  /** The success status and the body it carries. */
  status: number;
  response: z.ZodType;
}

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
};
