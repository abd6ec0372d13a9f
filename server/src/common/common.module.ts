import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from './clock';
import { FieldCipherProvider } from './crypto/field-cipher.provider';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';

/**
 * Cross-cutting services every domain may inject: the clock and the field cipher. Also the global
 * Idempotency-Key interceptor; its repository is exported for the housekeeping job (deleteExpired).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecord])],
  providers: [Clock, FieldCipherProvider, IdempotencyRepository, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [Clock, FieldCipherProvider, IdempotencyRepository],
})
export class CommonModule {}
