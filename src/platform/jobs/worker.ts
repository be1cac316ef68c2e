import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ControlDB, JobTable } from '../db/types.js';
import { onJobsEnqueued, type JobPayloads, type JobType } from './queue.js';

export type JobHandler<T extends JobType> = (payload: JobPayloads[T], job: JobTable) => Promise<void>;
export type JobHandlers = { [T in JobType]: JobHandler<T> };

export interface WorkerOptions {
  control: Kysely<ControlDB>;
  handlers: JobHandlers;
  logger: Logger;
  /** Poll interval for retries that come due (ms). */
  pollMs?: number;
  /** Backoff of attempt n (1-based) in ms. Default: 2s·2^(n-1), capped at 15 min. */
  backoffMs?: (attempt: number) => number;
  /** How long a claimed job stays locked before another worker may retry it. */
  lockMs?: number;
  clock?: () => Date;
}

const defaultBackoff = (attempt: number): number => Math.min(2000 * 2 ** (attempt - 1), 15 * 60_000);

/**
 * Runs due jobs one at a time: claims a job (pending and due, or running with an
 * expired lock after a crash), runs its handler, then marks it done or schedules
 * a retry with backoff; after `max_attempts` it is `failed` with the reason.
 */
export class JobWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  private readonly o: Required<Omit<WorkerOptions, 'clock'>> & { clock: () => Date };

  constructor(options: WorkerOptions) {
    this.o = {
      pollMs: 1000,
      backoffMs: defaultBackoff,
      lockMs: 5 * 60_000,
      clock: () => new Date(),
      ...options,
    };
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = onJobsEnqueued(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs until no job is due. Safe to call often; runs are never concurrent. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.o.logger.error({ err: error }, 'job worker pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Processes due jobs until none is left; resolves when idle. For tests and shutdown. */
  async drain(): Promise<void> {
    for (;;) {
      const job = await this.claim();
      if (!job) return;
      await this.runOne(job);
    }
  }

  private async claim(): Promise<JobTable | undefined> {
    const now = this.o.clock();
    const nowIso = now.toISOString();
    const candidates = await this.o.control
      .selectFrom('jobs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]),
          // A job enqueued to run at once is due at once, whatever this worker's clock says
          // (jobs are stamped with the wall clock; tests may run the server on another one).
          eb.and([
            eb('status', '=', 'pending'),
            eb('attempts', '=', 0),
            eb('run_at', '=', eb.ref('created_at')),
          ]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
        ]),
      )
      .orderBy('run_at')
      .limit(5)
      .execute();
    for (const job of candidates) {
      if (job.status === 'running' && job.attempts >= job.max_attempts) {
        // Its last attempt never finished (the worker stopped): fail it rather than run it again.
        const reason = 'Interrupted: the worker stopped during the last attempt';
        const res = await this.o.control
          .updateTable('jobs')
          .set({ status: 'failed', locked_until: null, last_error: reason, updated_at: nowIso })
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .where('attempts', '=', job.attempts)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) {
          this.o.logger.warn(
            { jobId: job.id, type: job.type, attempt: job.attempts, final: true, reason },
            'job failed',
          );
        }
        continue;
      }
      const lockedUntil = new Date(now.getTime() + this.o.lockMs).toISOString();
      const res = await this.o.control
        .updateTable('jobs')
        .set({ status: 'running', locked_until: lockedUntil, attempts: job.attempts + 1, updated_at: nowIso })
        .where('id', '=', job.id)
        .where('status', '=', job.status)
        .where('attempts', '=', job.attempts)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) {
        return { ...job, status: 'running', attempts: job.attempts + 1, locked_until: lockedUntil };
      }
    }
    return undefined;
  }

  private async runOne(job: JobTable): Promise<void> {
    const handler = this.o.handlers[job.type as JobType] as JobHandler<JobType> | undefined;
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      await handler(JSON.parse(job.payload) as JobPayloads[JobType], job);
      await this.o.control
        .updateTable('jobs')
        .set({
          status: 'done',
          locked_until: null,
          last_error: null,
          updated_at: this.o.clock().toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const final = job.attempts >= job.max_attempts;
      const now = this.o.clock();
      await this.o.control
        .updateTable('jobs')
        .set({
          status: final ? 'failed' : 'pending',
          locked_until: null,
          last_error: reason,
          run_at: final ? job.run_at : new Date(now.getTime() + this.o.backoffMs(job.attempts)).toISOString(),
          updated_at: now.toISOString(),
        })
        .where('id', '=', job.id)
        .execute();
      this.o.logger.warn(
        { jobId: job.id, type: job.type, attempt: job.attempts, final, reason },
        'job failed',
      );
    }
  }
}
