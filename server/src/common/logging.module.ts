import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/env';
import { AppLogger, createRootLogger } from './logging';

/** The process's one logger (`AppLogger`, over a pino root logger), for `app.useLogger` and the request log. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: Pick<AppConfig, 'logLevel'>): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: AppLogger, useValue: new AppLogger(createRootLogger(config)) }],
      exports: [AppLogger],
    };
  }
}
