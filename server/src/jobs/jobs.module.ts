import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JOBS_CONNECTION, JobQueue, type JobsConnection } from './job-queue';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/**
 * Background jobs on pg-boss (`JobQueue`), and the administrator's list of failed ones. Global so
 * the modules with scheduled jobs or deliveries inject `JobQueue` without importing this one.
 */
@Global()
@Module({})
export class JobsModule {
  /** `connection`: the app's own role and pool timeouts, as the app's pool uses them. */
  static forRoot(connection: JobsConnection): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      controllers: [JobsController],
      providers: [{ provide: JOBS_CONNECTION, useValue: connection }, JobsRepository, JobQueue, JobsService],
      exports: [JobQueue],
    };
  }
}
