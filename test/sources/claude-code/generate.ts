import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Models both spendlens's catalog and ccusage's offline prices know. */
export const PRICED_MODELS = [
  'claude-sonnet-4-20250514',
  'claude-sonnet-4-5-20250929',
  'claude-opus-4-1-20250805',
  'claude-haiku-4-5-20251001',
  'claude-3-5-haiku-20241022',
];

type Int = (lo: number, hi: number) => number;

function randomInts(seed: number): { int: Int; chance: (p: number) => boolean } {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return { int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), chance: (p) => next() < p };
}

/**
 * Writes Claude Code logs shaped like real ones under `<dir>/projects`: `days` days from `start`, three
 * sessions a day in two projects, each message streamed as 1 to 3 copies with growing output, user turns in
 * between, now and then a corrupt line. Prompts stay under 200k tokens (no long-context tier).
 */
export function generateClaudeLogs(
  dir: string,
  options: { start: string; days: number; seed: number },
): void {
  const rand = randomInts(options.seed);
  for (let day = 0; day < options.days; day++) {
    for (let session = 0; session < 3; session++) {
      const project = session % 2 ? 'acme-web' : 'acme-api';
      const sessionId = `00000000-0000-4000-8000-${String(day * 10 + session).padStart(12, '0')}`;
      const folder = join(dir, 'projects', `-home-dev-${project}`);
      mkdirSync(folder, { recursive: true });
      const begin = Date.parse(options.start) + day * 86_400_000 + rand.int(7, 18) * 3_600_000;
      const lines: string[] = [];
      for (let m = 0; m < rand.int(8, 20); m++) {
        const at = new Date(begin + m * rand.int(20, 90) * 1000).toISOString();
        const context = { cwd: `/home/dev/${project}`, sessionId, timestamp: at };
        lines.push(JSON.stringify({ type: 'user', ...context, message: { role: 'user', content: 'go on' } }));
        lines.push(...messageCopies(rand.int, context, `${day}_${session}_${m}`));
        if (rand.chance(0.05)) lines.push('{"type":"assistant","message":{"usage":{"input_tok');
      }
      writeFileSync(join(folder, `${sessionId}.jsonl`), `${lines.join('\n')}\n`);
    }
  }
}

/** The lines of one assistant message: the same id and request id, output growing copy by copy. */
function messageCopies(int: Int, context: Record<string, string>, n: string): string[] {
  const model = PRICED_MODELS[int(0, PRICED_MODELS.length - 1)];
  const usage = {
    input_tokens: int(1, 60),
    cache_creation_input_tokens: int(0, 20_000),
    cache_read_input_tokens: int(0, 150_000),
    output_tokens: int(20, 3_000),
  };
  const copies = int(1, 3);
  return Array.from({ length: copies }, (_, i) => {
    const output = Math.round((usage.output_tokens * (i + 1)) / copies);
    return JSON.stringify({
      ...context,
      isSidechain: false,
      version: '1.0.98',
      type: 'assistant',
      uuid: `u_${n}_${i}`,
      requestId: `req_${n}`,
      message: {
        id: `msg_${n}`,
        role: 'assistant',
        model,
        content: [],
        usage: { ...usage, output_tokens: output },
      },
    });
  });
}
