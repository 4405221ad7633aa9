import protobuf from 'protobufjs/light.js';
import { COMMON_MESSAGES, many } from './proto.ts';

// collector/logs/v1, logs/v1, collector/metrics/v1 and metrics/v1 of opentelemetry-proto v1.x, as far as
// spendlens reads them. Enums are declared int32 (the same varint on the wire) so they decode to numbers,
// as the JSON mapping has them. Histograms, summaries and exemplars are left out: the decoder skips them.
const root = protobuf.Root.fromJSON({
  nested: {
    ...COMMON_MESSAGES,
    ExportLogsServiceRequest: { fields: { resourceLogs: many('ResourceLogs', 1) } },
    ResourceLogs: { fields: { resource: { type: 'Resource', id: 1 }, scopeLogs: many('ScopeLogs', 2) } },
    ScopeLogs: {
      fields: { scope: { type: 'InstrumentationScope', id: 1 }, logRecords: many('LogRecord', 2) },
    },
    LogRecord: {
      fields: {
        timeUnixNano: { type: 'fixed64', id: 1 },
        severityNumber: { type: 'int32', id: 2 },
        severityText: { type: 'string', id: 3 },
        body: { type: 'AnyValue', id: 5 },
        attributes: many('KeyValue', 6),
        observedTimeUnixNano: { type: 'fixed64', id: 11 },
        eventName: { type: 'string', id: 12 },
      },
    },
    ExportLogsServiceResponse: { fields: { partialSuccess: { type: 'LogsPartialSuccess', id: 1 } } },
    LogsPartialSuccess: {
      fields: { rejectedLogRecords: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } },
    },
    ExportMetricsServiceRequest: { fields: { resourceMetrics: many('ResourceMetrics', 1) } },
    ResourceMetrics: {
      fields: { resource: { type: 'Resource', id: 1 }, scopeMetrics: many('ScopeMetrics', 2) },
    },
    ScopeMetrics: { fields: { scope: { type: 'InstrumentationScope', id: 1 }, metrics: many('Metric', 2) } },
    Metric: {
      fields: {
        name: { type: 'string', id: 1 },
        unit: { type: 'string', id: 3 },
        gauge: { type: 'Gauge', id: 5 },
        sum: { type: 'Sum', id: 7 },
      },
    },
    Gauge: { fields: { dataPoints: many('NumberDataPoint', 1) } },
    Sum: {
      fields: {
        dataPoints: many('NumberDataPoint', 1),
        aggregationTemporality: { type: 'int32', id: 2 },
        isMonotonic: { type: 'bool', id: 3 },
      },
    },
    NumberDataPoint: {
      oneofs: { value: { oneof: ['asDouble', 'asInt'] } },
      fields: {
        attributes: many('KeyValue', 7),
        startTimeUnixNano: { type: 'fixed64', id: 2 },
        timeUnixNano: { type: 'fixed64', id: 3 },
        asDouble: { type: 'double', id: 4 },
        asInt: { type: 'sfixed64', id: 6 },
      },
    },
    ExportMetricsServiceResponse: { fields: { partialSuccess: { type: 'MetricsPartialSuccess', id: 1 } } },
    MetricsPartialSuccess: {
      fields: { rejectedDataPoints: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } },
    },
  },
});

/** The two telemetry signals spendlens reads besides traces. */
export type Signal = 'logs' | 'metrics';

const TYPES = {
  logs: {
    request: root.lookupType('ExportLogsServiceRequest'),
    response: root.lookupType('ExportLogsServiceResponse'),
    rejected: 'rejectedLogRecords',
  },
  metrics: {
    request: root.lookupType('ExportMetricsServiceRequest'),
    response: root.lookupType('ExportMetricsServiceResponse'),
    rejected: 'rejectedDataPoints',
  },
} as const;

/** The JSON mapping's name of a signal's rejected count: `rejectedLogRecords` or `rejectedDataPoints`. */
export function rejectedField(signal: Signal): string {
  return TYPES[signal].rejected;
}

/**
 * Decodes a protobuf export request into the OTLP/JSON shape (64-bit integers as decimal strings,
 * `arrays: true` so empty lists read as lists), so one schema reads both encodings. Throws when malformed.
 */
export function decodeTelemetryRequest(signal: Signal, body: Uint8Array): unknown {
  const type = TYPES[signal].request;
  return type.toObject(type.decode(body), { longs: String, bytes: String, arrays: true });
}

/** Encodes an export response; a partial success only when something was rejected. */
export function encodeTelemetryResponse(signal: Signal, rejected: number, errorMessage: string): Uint8Array {
  const { response, rejected: field } = TYPES[signal];
  const message = rejected > 0 ? { partialSuccess: { [field]: rejected, errorMessage } } : {};
  return response.encode(response.fromObject(message)).finish();
}
