/** How a column lines up: text to the left, numbers to the right. */
export type Align = 'left' | 'right';

export interface Columns {
  head: string[];
  align: Align[];
  rows: string[][];
  /** Lines under a rule at the bottom, such as the total. */
  foot?: string[][];
}

/**
 * A compact text table: a header, a rule, one line per row and no rule between rows, then a rule and
 * the footer. why: a rule between every row doubled the README's example to thousands of lines.
 */
export function renderColumns(table: Columns): string {
  const all = [table.head, ...table.rows, ...(table.foot ?? [])];
  const widths = table.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (table.align[i] === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(table.head), rule, ...table.rows.map(line)];
  if (table.foot?.length) out.push(rule, ...table.foot.map(line));
  return out.join('\n');
}
