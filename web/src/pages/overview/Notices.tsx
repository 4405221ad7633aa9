import { BadgeDollarSign } from 'lucide-react';
import type { SpendResponse, SummaryResponse } from '../../api/types.ts';
import { Link } from '../../frame/Link.tsx';
import { formatInt } from '../../lib/format.ts';
import { Banner } from '../../ui/states.tsx';

/** What the totals leave out: unpriced requests (with the way to price them) and the API's warnings. */
export function Notices(props: { summary?: SummaryResponse; totals?: SpendResponse }) {
  const unpriced = Number(props.totals?.totals.unpricedRequests ?? 0);
  const warnings = [...new Set([...(props.summary?.warnings ?? []), ...(props.totals?.warnings ?? [])])];
  if (unpriced === 0 && warnings.length === 0) return null;
  return (
    <>
      {unpriced > 0 && (
        <Banner icon={<BadgeDollarSign size={18} aria-hidden="true" />}>
          <p>
            {unpriced === 1 ? '1 request uses a model' : `${formatInt(unpriced)} requests use models`} without
            a price and {unpriced === 1 ? 'is' : 'are'} not in these totals.{' '}
            <Link href="/pricing">Price them</Link>
          </p>
        </Banner>
      )}
      {warnings.map((w) => (
        <Banner key={w}>
          <p>{w}</p>
        </Banner>
      ))}
    </>
  );
}
