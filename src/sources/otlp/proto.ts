import protobuf from 'protobufjs/light.js';

// The parts of opentelemetry-proto v1 (collector/trace/v1, trace/v1, common/v1, resource/v1) and
// google.rpc.Status that spendlens reads or answers with. Field names are the JSON mapping's lowerCamelCase,
// numbers as in the .proto files; fields not listed are skipped by the decoder, as OTLP requires.
export const kv = { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } };
export const many = (type: string, id: number) => ({ rule: 'repeated', type, id });

/** Messages shared by every signal (common/v1, resource/v1, google.rpc.Status), for proto-telemetry.ts too. */
export const COMMON_MESSAGES = {
  Resource: { fields: { attributes: many('KeyValue', 1) } },
  KeyValue: kv,
  AnyValue: {
    oneofs: {
      value: {
        oneof: [
          'stringValue',
          'boolValue',
          'intValue',
          'doubleValue',
          'arrayValue',
          'kvlistValue',
          'bytesValue',
        ],
      },
    },
    fields: {
      stringValue: { type: 'string', id: 1 },
      boolValue: { type: 'bool', id: 2 },
      intValue: { type: 'int64', id: 3 },
      doubleValue: { type: 'double', id: 4 },
      arrayValue: { type: 'ArrayValue', id: 5 },
      kvlistValue: { type: 'KeyValueList', id: 6 },
      bytesValue: { type: 'bytes', id: 7 },
    },
  },
  ArrayValue: { fields: { values: many('AnyValue', 1) } },
  KeyValueList: { fields: { values: many('KeyValue', 1) } },
  InstrumentationScope: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } } },
  Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } },
};

const root = protobuf.Root.fromJSON({
  nested: {
    ...COMMON_MESSAGES,
    ExportTraceServiceRequest: { fields: { resourceSpans: many('ResourceSpans', 1) } },
    ResourceSpans: {
      fields: { resource: { type: 'Resource', id: 1 }, scopeSpans: many('ScopeSpans', 2) },
    },
    ScopeSpans: { fields: { spans: many('Span', 2) } },
    Span: {
      fields: {
        traceId: { type: 'bytes', id: 1 },
        spanId: { type: 'bytes', id: 2 },
        name: { type: 'string', id: 5 },
        startTimeUnixNano: { type: 'fixed64', id: 7 },
        endTimeUnixNano: { type: 'fixed64', id: 8 },
        attributes: many('KeyValue', 9),
      },
    },
    ExportTraceServiceResponse: { fields: { partialSuccess: { type: 'PartialSuccess', id: 1 } } },
    PartialSuccess: {
      fields: { rejectedSpans: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } },
    },
  },
});

const request = root.lookupType('ExportTraceServiceRequest');
const response = root.lookupType('ExportTraceServiceResponse');
const status = root.lookupType('Status');

/**
 * Decodes a protobuf `ExportTraceServiceRequest` into the OTLP/JSON shape (hex ids, 64-bit integers as
 * decimal strings, bytes as base64), so one schema reads both encodings. Throws on a malformed body.
 */
export function decodeTraceRequest(body: Uint8Array): unknown {
  const object = request.toObject(request.decode(body), { longs: String, bytes: String, arrays: true });
  for (const rs of object.resourceSpans as { scopeSpans: { spans: Record<string, unknown>[] }[] }[]) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        span.traceId = base64ToHex(span.traceId);
        span.spanId = base64ToHex(span.spanId);
      }
    }
  }
  return object;
}

/** Encodes an `ExportTraceServiceResponse`; a partial success only when spans were rejected. */
export function encodeTraceResponse(rejectedSpans: number, errorMessage: string): Uint8Array {
  const message = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  return response.encode(response.fromObject(message)).finish();
}

/** Encodes a `google.rpc.Status`, the body of an OTLP/HTTP error answer. */
export function encodeStatus(code: number, message: string): Uint8Array {
  return status.encode(status.fromObject({ code, message })).finish();
}

function base64ToHex(value: unknown): string {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('hex') : '';
}
