import { Bot } from 'lucide-react';
import { useMemo } from 'react';
import { invalidateAll } from '../../api/cache.ts';
import type { SpendResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { Link } from '../../frame/Link.tsx';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { RangePicker } from '../../frame/RangePicker.tsx';
import { formatInt, plural } from '../../lib/format.ts';
import { apiQuery, useView } from '../../state/view.ts';
import { Card } from '../../ui/Card.tsx';
import { Money } from '../../ui/Money.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { AGENT_TAG, assistantSpend, toolName } from './assistants.ts';
import './assistants.css';

const NOBODY = '(not attributed)';

/** Spend per person across the coding assistants (Claude Code, Cursor, Copilot, Codex, …). */
export default function AssistantsPage() {
  const view = useView();
  const { range, filters } = view;
  const answer = useApi<SpendResponse>(
    `/api/v1/spend?${apiQuery(range, filters, { groupBy: `user,${AGENT_TAG}` })}`,
  );
  const data = answer.data;
  const spend = useMemo(() => (data ? assistantSpend(data.rows) : null), [data]);
  const explore = (user: string | null) => {
    const q = new URLSearchParams(view.search);
    q.set('user', user ?? '(none)');
    q.set('group', AGENT_TAG);
    return `/explore?${q}`;
  };

  return (
    <>
      <PageHeader
        title="Coding assistants"
        subtitle="What each person spends through Claude Code, Cursor, Copilot, Codex and others"
      >
        <RangePicker spec={view.spec} label={view.range.label} />
      </PageHeader>
      {answer.error ? (
        <ErrorState error={answer.error} onRetry={invalidateAll} />
      ) : !data || !spend ? (
        <Loading height={320} label="Adding up the assistants…" />
      ) : spend.people.length === 0 ? (
        <EmptyState
          icon={<Bot size={32} aria-hidden="true" />}
          title="No coding-assistant spend in this period"
        >
          <p className="muted">
            Coding assistants report per person when their usage reaches spendlens: Claude Code's own
            telemetry (see the README's Claude Code settings), or a Claude Code Analytics, Cursor, GitHub
            Copilot or OpenRouter source under Sources, or Claude Code and Codex logs brought in with{' '}
            <code>spendlens collect</code>.
          </p>
        </EmptyState>
      ) : (
        <div className="stack">
          <div className="assistant-tools" data-testid="assistant-tools">
            {spend.tools.map((t) => (
              <Card key={t.agent} title={toolName(t.agent)} className="assistant-tool">
                <p className="assistant-figure">
                  <Money amount={t.total} currency={data.currency} />
                </p>
                <p className="muted">{plural(t.people, 'person', 'people')}</p>
              </Card>
            ))}
          </div>
          <Card
            title={`${plural(spend.people.length, 'person', 'people')} across ${plural(spend.tools.length, 'tool')}`}
            subtitle={
              <>
                In all <Money amount={spend.total} currency={data.currency} />, usage billed or estimated per
                call; a person's row links to their records.
              </>
            }
            busy={answer.loading}
          >
            <div className="table-wrap">
              <table className="data" data-testid="assistant-people">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    {spend.tools.map((t) => (
                      <th scope="col" className="num" key={t.agent}>
                        {toolName(t.agent)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col" className="num">
                      Requests
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {spend.people.map((p) => (
                    <tr key={p.user ?? NOBODY} data-user={p.user ?? ''}>
                      <th scope="row">
                        <Link href={explore(p.user)}>{p.user ?? NOBODY}</Link>
                      </th>
                      {spend.tools.map((t) => (
                        <td className="num" key={t.agent} data-agent={t.agent}>
                          {p.byTool[t.agent] === undefined ? (
                            <span className="muted">—</span>
                          ) : (
                            <Money amount={p.byTool[t.agent] as string} currency={data.currency} />
                          )}
                        </td>
                      ))}
                      <td className="num" data-total="">
                        <Money amount={p.total} currency={data.currency} />
                      </td>
                      <td className="num">{formatInt(p.requests.toString())}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </div>
      )}
    </>
  );
}
