import { Cron } from 'croner';
import type { Logger } from 'pino';

/** A recurring task: a cron pattern in a time zone, and what to do (usually: enqueue a job). */
export interface Schedule {
  name: string;
  /** Cron pattern, e.g. `15 * * * *` (every hour at :15). */
  pattern: string;
  timeZone: string;
  run: () => Promise<void>;
}

/**
 * Runs schedules with croner. `protect` skips a tick while the previous run of
 * the same schedule is still going; errors are logged, never thrown.
 */
export class Scheduler {
  private readonly crons: { name: string; cron: Cron }[] = [];

  constructor(private readonly logger: Logger) {}

  start(schedules: readonly Schedule[]): void {
    for (const s of schedules) {
      // Not croner's `name` option: its names are process-global, and tests run several servers.
      const cron = new Cron(s.pattern, { timezone: s.timeZone, protect: true, unref: true }, async () => {
        try {
          await s.run();
        } catch (error) {
          this.logger.error({ err: error, schedule: s.name }, 'scheduled task failed');
        }
      });
      this.crons.push({ name: s.name, cron });
    }
  }

  /** When each schedule runs next (for the operator console and tests). */
  next(): { name: string; next: Date | null }[] {
    return this.crons.map((c) => ({ name: c.name, next: c.cron.nextRun() }));
  }

  stop(): void {
    for (const c of this.crons) c.cron.stop();
    this.crons.length = 0;
  }
}
