import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { registerAuth } from './auth.ts';
import { serveContract } from './contract-routes.ts';
import { errorHandler } from './errors.ts';
import { requestLog } from './log.ts';
import { refuseNul } from './nul.ts';
import { openApiDocument } from './openapi.ts';
import { activityRoutes } from './routes/activity.ts';
import { alertRoutes } from './routes/alerts.ts';
import { analyseCompatRoutes } from './routes/analyse-compat.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { attributionRoutes } from './routes/attribution.ts';
import { budgetRoutes } from './routes/budgets.ts';
import { focusRoutes } from './routes/focus.ts';
import { gatewayRoutes } from './routes/gateway.ts';
import { healthRoutes } from './routes/health.ts';
import { identityRoutes } from './routes/identity.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { influxRoutes } from './routes/influx.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { otlpRoutes } from './routes/otlp.ts';
import { pricingRoutes } from './routes/pricing.ts';
import { reconcileRoutes } from './routes/reconcile.ts';
import { reportRoutes } from './routes/reports.ts';
import { sessionRoutes } from './routes/session.ts';
import { sourceRoutes } from './routes/sources.ts';
import { spendRoutes } from './routes/spend.ts';
import { subscriptionRoutes } from './routes/subscriptions.ts';
import { transactionRoutes } from './routes/transactions.ts';
import { usageRoutes } from './routes/usage.ts';
import { WEB_DIST, webRoutes } from './routes/web.ts';

/** The dashboard's mark on the API reference's top bar (from the built dashboard; none without one). */
function logo() {
  const file = join(WEB_DIST, 'favicon.svg');
  return existsSync(file)
    ? { logo: { type: 'image/svg+xml', content: readFileSync(file), href: '/', target: '_self' as const } }
    : {};
}

/** Secure headers; the dashboard loads its scripts and styles from its own origin only. */
const SECURE_HEADERS = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

export interface AppOptions {
  /** Log warnings and errors to stdout. */
  logger?: boolean;
  /** Log to this stream instead, from `logLevel` (default `info`): tests read what would be logged. */
  logStream?: { write(line: string): void };
  logLevel?: string;
}

/** Builds the HTTP app on a context; tests drive it with `app.inject`, `serve` listens on a port. */
export function buildApp(ctx: AppContext, options: AppOptions = {}): FastifyInstance {
  // why: invitation links carry their one-time token in the path; request logs must not.
  const serializers = { req: requestLog };
  const app = Fastify({
    logger: options.logStream
      ? { level: options.logLevel ?? 'info', stream: options.logStream, serializers }
      : options.logger
        ? { level: 'warn', serializers }
        : false,
    bodyLimit: ctx.config.limits.maxBodyBytes,
    trustProxy: ctx.config.server.trustProxy,
  });
  app.setErrorHandler(errorHandler);
  serveContract(app);
  // why: helmet's headers go on every answer, refusals included, so its hook must run before auth's.
  app.register(helmet, SECURE_HEADERS).after(() => registerAuth(app, ctx));
  refuseNul(app);
  sessionRoutes(app, ctx);
  identityRoutes(app, ctx);
  healthRoutes(app, ctx);
  metricsRoutes(app, ctx);
  usageRoutes(app, ctx);
  spendRoutes(app, ctx);
  pricingRoutes(app, ctx);
  otlpRoutes(app, ctx);
  influxRoutes(app, ctx);
  transactionRoutes(app, ctx);
  analysisRoutes(app, ctx);
  incidentRoutes(app, ctx);
  analyseCompatRoutes(app, ctx);
  sourceRoutes(app, ctx);
  budgetRoutes(app, ctx);
  subscriptionRoutes(app, ctx);
  alertRoutes(app, ctx);
  activityRoutes(app, ctx);
  attributionRoutes(app, ctx);
  reconcileRoutes(app, ctx);
  reportRoutes(app, ctx);
  focusRoutes(app, ctx);
  gatewayRoutes(app, ctx);
  const doc = openApiDocument();
  app.get('/api/openapi.json', async () => doc);
  // why: the address earlier releases gave the document; scripts that fetch it keep working.
  app.get('/api/docs/openapi.json', async () => doc);
  // A readable reference (Swagger UI, served from the package: no CDN) over the same document.
  app.register(swagger, { mode: 'static', specification: { document: doc as never } });
  app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    theme: { title: 'spendlens API reference' },
    ...logo(),
  });
  webRoutes(app, ctx);
  return app;
}
