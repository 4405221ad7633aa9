import type { IncomingHttpHeaders } from 'node:http';
import type { UpstreamConfig } from '../config/gateway.ts';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those the gateway sets itself; never copied across. */
const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
]);

/** What the client sent to the gateway and must not reach the provider: its spendlens key, and ours. */
const CLIENT_ONLY = new Set(['authorization', 'x-api-key', 'cookie', 'accept-encoding']);

/**
 * The headers the provider gets: the client's own (anthropic-version, anthropic-beta, OpenAI-Organization,
 * user agent…) without hop-by-hop ones, its spendlens key or our attribution headers, plus the server's
 * provider key where that provider's SDK puts it. why identity encoding: the gateway reads the body for
 * usage, and SSE must pass chunk by chunk.
 */
export function upstreamHeaders(
  incoming: IncomingHttpHeaders,
  upstream: UpstreamConfig,
  bodyLength: number | null,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP.has(name) || CLIENT_ONLY.has(name) || name.startsWith('x-spendlens-'))
      continue;
    out[name] = value;
  }
  if (upstream.kind === 'anthropic') out['x-api-key'] = upstream.key;
  else out.authorization = `Bearer ${upstream.key}`;
  out['accept-encoding'] = 'identity';
  if (bodyLength !== null) out['content-length'] = String(bodyLength);
  return out;
}

/** The provider's response headers for the client, without hop-by-hop ones (and length when the body changes). */
export function clientHeaders(
  upstream: Record<string, string | string[] | undefined>,
  keepLength: boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined) continue;
    if (HOP.has(name) && !(keepLength && name === 'content-length')) continue;
    out[name] = value;
  }
  return out;
}
