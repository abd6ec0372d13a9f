import { Global, Module } from '@nestjs/common';
import { AppConfig } from './env';

/** Injection token for the validated configuration (built once in main.ts or the test harness). */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig) {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
