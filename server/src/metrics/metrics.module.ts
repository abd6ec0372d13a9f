import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { JobMetrics } from './job-metrics.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Prometheus metrics: request latency, the database pool, the event loop and background jobs.
 * Global so every scheduler can inject JobMetrics without each module importing this one.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, JobMetrics],
  exports: [MetricsService, JobMetrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  /** The latency hook lives here rather than in app.factory.ts, so the module is whole on its own. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    // A callback hook: an async one costs a promise and a microtask per request for a synchronous update.
    fastify.addHook('onResponse', (request, reply, done) => {
      // The route's pattern (`/api/trainees/:id`); undefined for requests no route matched.
      this.metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }
}
