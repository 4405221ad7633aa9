import { StringDecoder } from 'node:string_decoder';

/** One server-sent event: its name (`event:`), its data lines joined, and its text as it came. */
export interface SseEvent {
  name: string | null;
  data: string;
  raw: string;
}

/**
 * Splits a byte stream into server-sent events as they complete (WHATWG HTML §9.2): events end at a
 * blank line, with LF, CRLF or CR line ends; a chunk may end mid-event or mid-character.
 */
export class SseSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** The events the chunk completes. */
  push(chunk: Buffer): SseEvent[] {
    this.pending += this.decoder.write(chunk);
    const events: SseEvent[] = [];
    for (;;) {
      const end = /\r\n\r\n|\n\n|\r\r/.exec(this.pending);
      if (!end) break;
      const raw = this.pending.slice(0, end.index + end[0].length);
      this.pending = this.pending.slice(raw.length);
      events.push(parseEvent(raw));
    }
    return events;
  }

  /** What is left when the stream ends: an event without its blank line, if any. */
  end(): SseEvent[] {
    this.pending += this.decoder.end();
    const rest = this.pending;
    this.pending = '';
    return rest.trim() === '' ? [] : [parseEvent(rest)];
  }
}

function parseEvent(raw: string): SseEvent {
  let name: string | null = null;
  const data: string[] = [];
  for (const line of raw.split(/\r\n|\n|\r/)) {
    const colon = line.indexOf(':');
    if (colon === 0 || line === '') continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return { name, data: data.join('\n'), raw };
}
