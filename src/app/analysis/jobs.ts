import { randomUUID } from 'node:crypto';
import type { Principal } from '../../domain/access.ts';
import { seesWholeOrg } from '../access/scope.ts';
import type { AppContext } from '../context.ts';

export type JobStatus = 'processing' | 'complete' | 'failed';

export interface Job<T> {
  id: string;
  org: string;
  /** The principal that started it: its result is computed over what they may see. */
  startedBy: string;
  status: JobStatus;
  createdAt: Date;
  result?: T;
  error?: string;
}

/** Jobs kept per process; the oldest go first. Results live in memory only, like the analysis they hold. */
const MAX_JOBS = 500;

/**
 * Starts `run` for `by` without waiting for it and returns its job at once, `processing`; the job
 * turns `complete` with the result or `failed` with the error's message.
 */
export function startJob<T>(ctx: AppContext, by: Principal, run: () => Promise<T>): Job<T> {
  const board = ctx.state.jobs;
  const job: Job<T> = {
    id: `job_${randomUUID()}`,
    org: by.org,
    startedBy: by.id,
    status: 'processing',
    createdAt: ctx.now(),
  };
  board.set(job.id, job);
  for (const id of board.keys()) {
    if (board.size <= MAX_JOBS) break;
    board.delete(id);
  }
  // why: the caller answers before the work runs; a rejection is kept on the job, never thrown.
  setImmediate(() => {
    run().then(
      (result) => Object.assign(job, { status: 'complete', result }),
      (error: unknown) => Object.assign(job, { status: 'failed', error: (error as Error).message }),
    );
  });
  return job;
}

/**
 * The job with that id if `by` may read it: they started it, or they see the whole org of its org.
 * Null otherwise (another's job is as good as missing).
 */
export function findJob<T>(ctx: AppContext, by: Principal, id: string): Job<T> | null {
  const job = ctx.state.jobs.get(id);
  if (!job || job.org !== by.org) return null;
  return job.startedBy === by.id || seesWholeOrg(by) ? (job as Job<T>) : null;
}
