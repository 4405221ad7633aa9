/** How long a stop may take before the process exits anyway: under the 5 s promised in the README. */
export const STOP_DEADLINE_MS = 4_500;

/** What a running server stops, in the order `shutDown` stops them. */
export interface Running {
  runner: { stop(): Promise<void> };
  scheduler: { stop(): Promise<void> };
  app: { close(): Promise<unknown>; server: { closeIdleConnections(): void } };
  store: { close(): Promise<void> };
}

/**
 * Stops a server: aborts source syncs (their retry waits and requests), stops the scheduler and lets
 * HTTP requests in flight finish (and get their answer), then closes the store, which commits the writes still queued. Past
 * `STOP_DEADLINE_MS`, `onLate` is called (and should exit): a job that ignores the abort cannot hold it.
 */
export async function shutDown(running: Running, onLate: () => void): Promise<void> {
  const late = setTimeout(onLate, STOP_DEADLINE_MS);
  late.unref();
  // why: a request answered after the close began leaves its keep-alive socket open, idle, and the
  // server's close waits for it (Fastify keeps idle sockets 72 s); close those as they fall idle.
  const sweep = setInterval(() => running.app.server.closeIdleConnections(), 100);
  sweep.unref();
  try {
    // why: the runner is stopped in the same tick as the others: the scheduler and the HTTP server
    // wait for their work in flight, and that work must not wait out a provider's Retry-After.
    await Promise.all([running.runner.stop(), running.scheduler.stop(), running.app.close()]);
    await running.store.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(late);
  }
}
