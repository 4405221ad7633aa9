import type { UpstreamKind } from '../config/gateway.ts';
import type { SseEvent } from './sse.ts';
import { type CallUsage, mergeAnthropic, mergeOpenAi, NO_USAGE, usageOfBody } from './usage.ts';

const RESPONSES_USAGE = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Reads a streamed call's usage from its events as they pass: OpenAI Chat Completions' final usage
 * chunk, Responses' terminal event, Anthropic's `message_start` and `message_delta`. With `strip`, the
 * usage-only chunk the gateway asked for is kept from a client that did not ask for it.
 */
export class StreamMeter {
  usage: CallUsage = NO_USAGE;

  constructor(
    private readonly kind: UpstreamKind,
    private readonly strip: boolean,
  ) {}

  /** Reads the event; false when the client must not see it. */
  read(event: SseEvent): boolean {
    const data = event.data;
    if (data === '' || data === '[DONE]') return true;
    return this.kind === 'anthropic' ? this.anthropic(event) : this.openAi(event);
  }

  private openAi(event: SseEvent): boolean {
    const name = event.name ?? typeOf(event.data);
    if (name?.startsWith('response.')) {
      if (name !== 'response.created' && !RESPONSES_USAGE.has(name)) return true;
      const response = (json(event.data) as { response?: unknown } | null)?.response;
      const found = usageOfBody('openai', response);
      const head = response as { id?: unknown; model?: unknown } | undefined;
      this.usage = found ?? {
        ...this.usage,
        id: str(head?.id) ?? this.usage.id,
        model: str(head?.model) ?? this.usage.model,
      };
      return true;
    }
    // why: only the first chunk (id, model) and the one with usage need parsing; the rest pass untouched.
    const hasUsage = event.data.includes('"usage"') && !/"usage"\s*:\s*null/.test(event.data);
    if (this.usage.id !== null && !hasUsage) return true;
    const chunk = json(event.data) as {
      id?: unknown;
      model?: unknown;
      usage?: unknown;
      choices?: unknown;
    } | null;
    if (!chunk) return true;
    this.usage = {
      ...this.usage,
      id: this.usage.id ?? str(chunk.id),
      model: this.usage.model ?? str(chunk.model),
    };
    if (!hasUsage) return true;
    this.usage = mergeOpenAi(this.usage, chunk.usage) ?? this.usage;
    const usageOnly = Array.isArray(chunk.choices) && chunk.choices.length === 0;
    return !(this.strip && usageOnly);
  }

  private anthropic(event: SseEvent): boolean {
    const name = event.name ?? typeOf(event.data);
    if (name === 'message_start') {
      const message = (
        json(event.data) as { message?: { id?: unknown; model?: unknown; usage?: unknown } } | null
      )?.message;
      const start = { ...this.usage, id: str(message?.id), model: str(message?.model) };
      this.usage = mergeAnthropic(start, message?.usage) ?? start;
    } else if (name === 'message_delta') {
      const delta = json(event.data) as { usage?: unknown } | null;
      this.usage = mergeAnthropic(this.usage, delta?.usage) ?? this.usage;
    }
    return true;
  }
}

function typeOf(data: string): string | null {
  return /^\{\s*"type"\s*:\s*"([^"]+)"/.exec(data)?.[1] ?? null;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
