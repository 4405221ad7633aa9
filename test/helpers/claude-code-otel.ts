import type { LogAttributes } from '@opentelemetry/api-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** One Claude Code API call as its telemetry describes it. */
export interface ClaudeCall {
  session: string;
  email: string;
  sequence: number;
  at: Date;
  model: string;
  costMicros: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

// What Claude Code puts on its resource (monitoring-usage docs §Resource), plus a team from OTEL_RESOURCE_ATTRIBUTES.
const RESOURCE = {
  'service.name': 'claude-code',
  'service.version': '2.1.240',
  'os.type': 'linux',
  'host.arch': 'amd64',
  'team.id': 'platform',
};

/** The standard attributes Claude Code puts on every event and metric point. */
function standard(call: ClaudeCall): LogAttributes {
  return {
    'session.id': call.session,
    'organization.id': '3d0e5a2b-6c1f-4e8d-9b7a-1f2e3d4c5b6a',
    'user.account_uuid': `uuid-${call.email}`,
    'user.email': call.email,
    'terminal.type': 'vscode',
  };
}

/**
 * Sends `claude_code.api_request` events through the real OpenTelemetry logs SDK (logger provider,
 * batch processor, the given OTLP exporter), framed as Claude Code frames them: the event name as the
 * body, `event.name` without the prefix, numbers as numbers (v2.1.122+). Flushes and shuts down.
 */
export async function sendClaudeEvents(exporter: LogRecordExporter, calls: ClaudeCall[]): Promise<void> {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(RESOURCE),
    processors: [new BatchLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('com.anthropic.claude_code.events', '2.1.240');
  for (const call of calls) {
    logger.emit({
      timestamp: call.at,
      severityNumber: SeverityNumber.INFO,
      body: 'claude_code.api_request',
      attributes: {
        ...standard(call),
        'event.name': 'api_request',
        'event.timestamp': call.at.toISOString(),
        'event.sequence': call.sequence,
        model: call.model,
        cost_usd: call.costMicros / 1e6,
        cost_usd_micros: call.costMicros,
        duration_ms: 4200,
        input_tokens: call.input,
        output_tokens: call.output,
        cache_read_tokens: call.cacheRead,
        cache_creation_tokens: call.cacheCreation,
        speed: 'normal',
      },
    });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/**
 * Counts the calls into `claude_code.cost.usage` and `claude_code.token.usage` with the real metrics SDK
 * and collects them once, in the given temporality, as the SDK's OTLP exporters would send them.
 */
export async function collectClaudeMetrics(
  calls: ClaudeCall[],
  temporality: 'delta' | 'cumulative',
): Promise<ResourceMetrics> {
  const reader = new CollectingReader({
    aggregationTemporalitySelector: () =>
      temporality === 'delta' ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE,
  });
  const provider = new MeterProvider({ resource: resourceFromAttributes(RESOURCE), readers: [reader] });
  const meter = provider.getMeter('com.anthropic.claude_code', '2.1.240');
  const cost = meter.createCounter('claude_code.cost.usage', { unit: 'USD' });
  const tokens = meter.createCounter('claude_code.token.usage', { unit: 'tokens' });
  for (const call of calls) {
    const attrs = { ...standard(call), model: call.model, query_source: 'main' };
    cost.add(call.costMicros / 1e6, attrs);
    tokens.add(call.input, { ...attrs, type: 'input' });
    tokens.add(call.output, { ...attrs, type: 'output' });
    tokens.add(call.cacheRead, { ...attrs, type: 'cacheRead' });
    tokens.add(call.cacheCreation, { ...attrs, type: 'cacheCreation' });
  }
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}
