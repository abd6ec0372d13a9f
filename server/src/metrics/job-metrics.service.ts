import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from './metrics.service';

/**
 * Runs and failures of the background jobs (schedulers), by job name. A job nobody watches fails
 * silently: alert on `increase(app_job_failures_total[1h]) > 0` or on a last success that grows old.
 */
@Injectable()
export class JobMetrics {
  private readonly runs: Counter<'job'>;
  private readonly failures: Counter<'job'>;
  private readonly lastSuccess: Gauge<'job'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.runs = new Counter({ name: 'app_job_runs_total', help: 'Background job runs, by job', labelNames: ['job'], registers });
    this.failures = new Counter({
      name: 'app_job_failures_total',
      help: 'Background job runs that failed, by job',
      labelNames: ['job'],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'app_job_last_success_timestamp_seconds',
      help: 'When each background job last finished without error (Unix time)',
      labelNames: ['job'],
      registers,
    });
  }

  /** Shows the job with zero runs and failures from the start, so rates and alerts see it before its first run. */
  declare(job: string): void {
    this.runs.inc({ job }, 0);
    this.failures.inc({ job }, 0);
  }

  /** Counts one run of `job` (and a failure if `work` throws, which is rethrown). */
  async track<T>(job: string, work: () => Promise<T>): Promise<T> {
    this.runs.inc({ job });
    try {
      const result = await work();
      this.lastSuccess.set({ job }, Date.now() / 1000);
      return result;
    } catch (e) {
      this.failures.inc({ job });
      throw e;
    }
  }
}
