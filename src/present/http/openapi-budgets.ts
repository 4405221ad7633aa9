const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const BUDGET =
  "{id, name, origin: config|api, scope: {dimension, value?, each?}, period: day|week|month, amount, currency, thresholds, alertOnForecast, enforce?: soft|hard (what the gateway does with calls in its scope), status: {periodStart, periodEnd (when it resets), spent, percent, projected, projectedLow, projectedHigh, projectedOverrunDate, state: ok|warning|projected_to_exceed|exceeded, crossed}, members?: [{value, team, status}]}. A scope with each: true is a budget for every value of the dimension (e.g. every user), each judged and alerted on its own (the alert also reaches the channels of the value's team); its members are the values that spent this period, furthest along first, and its status is the first member's.";

/** The OpenAPI paths of `/api/v1/budgets` (their bodies and answers come from the contract: openapi-contract.ts). */
export function budgetPaths() {
  const answers = (description: string) => ({
    200: { description },
    401: { description: 'Missing or invalid bearer token' },
  });
  return {
    '/api/v1/budgets': {
      get: { summary: 'Budgets with their live status', responses: answers(`{budgets: [${BUDGET}]}`) },
      post: {
        summary: 'Add a budget; money is a decimal string in its currency (default: the reporting currency)',
        responses: {
          201: { description: BUDGET },
          400: { description: 'Invalid definition; each error names its field path' },
          409: { description: 'The id exists' },
        },
      },
    },
    '/api/v1/budgets/{id}': {
      get: { summary: 'One budget with its live status', parameters: [id], responses: answers(BUDGET) },
      put: {
        summary: "Replace an API budget's definition",
        parameters: [id],
        responses: { ...answers(BUDGET), 409: { description: 'Managed by spendlens.toml' } },
      },
      delete: {
        summary: 'Remove an API budget',
        parameters: [id],
        responses: { 204: { description: 'Removed' }, 409: { description: 'Managed by spendlens.toml' } },
      },
    },
  };
}
