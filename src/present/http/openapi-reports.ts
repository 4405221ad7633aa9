const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const ok = (description: string) => ({
  200: { description },
  401: { description: 'Missing or invalid bearer token' },
});
const LISTING = '{id, kind: daily|weekly, periodStart, periodEnd, createdAt, total, currency, changePercent}';

/** The OpenAPI paths of the archived reports. */
export function reportPaths() {
  return {
    '/api/v1/reports': {
      get: {
        summary: 'Archived daily summaries and weekly reports, newest period first (read-only)',
        parameters: [
          {
            name: 'kind',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['daily', 'weekly'] },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: '1–1000, default 100',
            schema: { type: 'string' },
          },
        ],
        responses: ok(`{reports: [${LISTING}]}`),
      },
    },
    '/api/v1/reports/{id}': {
      get: {
        summary: 'One archived report in full: `daily-YYYY-MM-DD` or `report-YYYY-Www` (ISO week)',
        description:
          'Daily: total against its day-of-week baseline and the same day last week, top 5 users, teams, projects and models with cost, share and cost per output token, anomalies, budgets. Weekly: the ISO week against the week before (overall and per team, project, user and model), biggest movers, daily totals, anomalies, budgets.',
        parameters: [id],
        responses: { ...ok('the report'), 404: { description: 'No such report' } },
      },
    },
    '/api/v1/reports/{id}/html': {
      get: {
        summary: 'The report as a self-contained HTML page (as emailed)',
        parameters: [id],
        responses: { ...ok('text/html'), 404: { description: 'No such report' } },
      },
    },
    '/api/v1/reports/{id}/csv': {
      get: {
        summary: "The report's figures as CSV, downloaded as <id>.csv",
        parameters: [id],
        responses: { ...ok('text/csv'), 404: { description: 'No such report' } },
      },
    },
    '/api/v1/reports/run': {
      post: {
        summary: 'Archive and send a report now: {kind: daily|weekly, date?: YYYY-MM-DD, send?: boolean}',
        description:
          "date is the day (daily) or any day of the ISO week (weekly); default yesterday or the previous week. Answers 201 with the new report, or 200 with the archived one when the period was archived before (archives never change); 400 for a period not over yet. A report's budgets are as they stood at the end of its period. The latest period's report is sent to the channels (once); a past one is archived without being sent unless send is true. The header X-Spendlens-Report-Sent says whether it went out.",
        responses: {
          ...ok('the existing report'),
          201: { description: 'the new report' },
          400: { description: 'Invalid body or a period not over yet' },
        },
      },
    },
  };
}
