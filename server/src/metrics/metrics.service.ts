import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** What `pg.Pool` exposes about itself; TypeORM's postgres driver keeps its pool as `driver.master`. */
interface PgPoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** Request latency buckets in seconds: from a cached read to a slow export. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The application's Prometheus registry. One per application instance, never prom-client's global
 * default registry: the tests build several apps in one process, and a second registration of the
 * same metric name in one registry throws.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly latency: Histogram<'method' | 'route' | 'status_class'>;
  private readonly series = new Map<string, { observe(value: number): void }>();

  constructor(private readonly dataSource: DataSource) {
    const registers = [this.registry];
    // Process metrics (CPU, memory, handles) and the event-loop lag, from perf_hooks' monitorEventLoopDelay.
    collectDefaultMetrics({ register: this.registry });
    this.latency = new Histogram({
      name: 'app_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern (never the raw URL: it holds ids) and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    // Read when scraped: the pool is the truth, nothing to keep in step.
    const pool = () => this.pool();
    new Gauge({
      name: 'app_db_pool_in_use',
      help: 'Database connections checked out of the pool',
      registers,
      collect() {
        const p = pool();
        this.set(p ? p.totalCount - p.idleCount : 0);
      },
    });
    new Gauge({
      name: 'app_db_pool_idle',
      help: 'Open database connections waiting in the pool',
      registers,
      collect() {
        this.set(pool()?.idleCount ?? 0);
      },
    });
    new Gauge({
      name: 'app_db_pool_waiting',
      help: 'Queries waiting for a free database connection (above 0 for long: the pool is too small or queries too slow)',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'app_db_pool_max',
      help: 'Largest number of database connections the pool may open',
      registers,
      collect() {
        this.set(pool()?.options?.max ?? 0);
      },
    });
  }

  /** `route` is the route pattern (`/api/trainees/:id`) or `unmatched`; status is grouped into `2xx`, `4xx`…. */
  observeRequest(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    const statusClass = Math.floor(statusCode / 100);
    // prom-client hashes the label object on every observe(); the bound child for a label set is
    // kept instead (routes × methods × status classes: a few thousand at most).
    const key = `${method} ${statusClass} ${route ?? ''}`;
    let series = this.series.get(key);
    if (!series) {
      series = this.latency.labels({ method, route: route ?? 'unmatched', status_class: `${statusClass}xx` });
      this.series.set(key, series);
    }
    series.observe(seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The pg Pool behind TypeORM, or undefined before the DataSource connects and after it closes. */
  private pool(): PgPoolStats | undefined {
    if (!this.dataSource.isInitialized) return undefined;
    const master = (this.dataSource.driver as unknown as { master?: PgPoolStats }).master;
    return master && typeof master.totalCount === 'number' ? master : undefined;
  }
}
