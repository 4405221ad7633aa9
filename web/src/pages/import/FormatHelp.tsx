import { Card } from '../../ui/Card.tsx';

const EXAMPLE = `{"timestamp":"2026-11-02T10:15:00Z","provider":"openai","model":"gpt-4o","user":"ana","project":"search","inputTokens":1200,"outputTokens":310}`;

/** What a file must hold, next to the upload. */
export function FormatHelp() {
  return (
    <Card title="File format">
      <div className="format-help">
        <p>
          Each record needs a <code>timestamp</code> with a time zone (<code>Z</code> or <code>+02:00</code>),
          a <code>provider</code> and a <code>model</code>. Optional: <code>user</code>, <code>team</code>,{' '}
          <code>project</code>, <code>context</code>, <code>apiKey</code>, token counts (
          <code>inputTokens</code>, <code>outputTokens</code>, <code>cacheReadTokens</code>,{' '}
          <code>cacheWriteTokens</code>, <code>reasoningTokens</code>), <code>requests</code>, and a{' '}
          <code>cost</code> with its <code>currency</code> when the provider billed it. Records without a cost
          are priced from the catalog.
        </p>
        <p>JSON lines: one object per line.</p>
        <pre>{EXAMPLE}</pre>
        <p>
          CSV: a header line with the same names; <code>tags.env</code> columns become tags.
        </p>
        <pre>
          {
            'timestamp,provider,model,user,inputTokens,outputTokens,tags.env\n2026-11-02T10:15:00Z,openai,gpt-4o,ana,1200,310,prod'
          }
        </pre>
        <p className="muted">
          Sending the same record twice is harmless: records with an <code>id</code>, or identical content,
          are stored once.
        </p>
      </div>
    </Card>
  );
}
