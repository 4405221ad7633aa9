const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const SUBSCRIPTION =
  '{id, origin: config|api, vendor: cursor|copilot|claude|chatgpt|other, plan, amount (per month; per seat when seats is set), currency, user, team, seats, ledgerUser (the user value its days carry), seatHolders (members of the team with accounts, one seat each in usage-user order: their spend counts their seat; unheld seats stay with the team), monthlyTotal, startDate, endDate (last day paid; null while it runs), createdAt, updatedAt}. Its fee is spread per UTC day into the ledger as records of source "subscriptions", service "seat", model = plan, tags {costKind: subscription, subscription: <id>}: each month\'s days sum to the month\'s fee exactly; a partial month pays its days. GET /api/v1/spend?groupBy=user,service tells seats from usage.';

/** The OpenAPI paths of `/api/v1/subscriptions`. */
export function subscriptionPaths() {
  const spread = `${SUBSCRIPTION.slice(0, -1)}, spread: {written, removed}} (the day records this change wrote and removed)`;
  return {
    '/api/v1/subscriptions': {
      get: {
        summary: 'Seats and subscriptions the caller may see',
        responses: { 200: { description: `{subscriptions: [${SUBSCRIPTION}]}` } },
      },
      post: {
        summary: 'Add a seat or subscription of a user (id or email) or a team (needs admin)',
        responses: {
          201: { description: spread },
          400: { description: 'Invalid definition; each error names its field path' },
          409: { description: 'The id exists' },
        },
      },
    },
    '/api/v1/subscriptions/{id}': {
      get: {
        summary: 'One subscription',
        parameters: [id],
        responses: { 200: { description: SUBSCRIPTION } },
      },
      put: {
        summary: "Replace an API subscription's definition; its past and future days are re-spread",
        parameters: [id],
        responses: { 200: { description: spread }, 409: { description: 'Managed by spendlens.toml' } },
      },
      delete: {
        summary: 'Remove an API subscription and its days from the ledger (to stop paying, set endDate)',
        parameters: [id],
        responses: { 204: { description: 'Removed' }, 409: { description: 'Managed by spendlens.toml' } },
      },
    },
  };
}
