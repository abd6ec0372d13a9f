import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from './clock';
import { DomainEvents } from './events/domain-events';
import { FieldCipherProvider } from './crypto/field-cipher.provider';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';

/**
 * Cross-cutting services every domain may inject: the clock, the field cipher and the in-process
 * event bus (`DomainEvents`). Also the Idempotency-Key interceptor, which `createApp` puts on every
 * write route (`bindIdempotencyToWrites`); `IdempotencyService` is exported for the housekeeping job
 * (deleteExpired).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecord])],
  providers: [Clock, DomainEvents, FieldCipherProvider, IdempotencyRepository, IdempotencyService, IdempotencyInterceptor],
  exports: [Clock, DomainEvents, FieldCipherProvider, IdempotencyService],
})
export class CommonModule {}
