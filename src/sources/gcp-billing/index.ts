// Google Cloud Billing export (BigQuery export rows as JSON lines, or the console's CSV): Gemini API and Vertex AI lines.
export { AI_SERVICES, consoleCsvRow, type GcpResult, gcpRowToInput } from './normalize.ts';
