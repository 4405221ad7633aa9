import type { UnpricedModel } from '../../app/unpriced.ts';

/** `gtp-5 (openai) ×3, did you mean gpt-5?`: one summary line's worth, for the CLI. */
export function describeUnpriced(lines: readonly UnpricedModel[]): string {
  return lines
    .map((x) => {
      const hint = x.suggestion ? `, did you mean ${x.suggestion}?` : '';
      return `${x.model} (${x.provider}) ×${x.count.toLocaleString('en-US')}${hint}`;
    })
    .join('; ');
}
