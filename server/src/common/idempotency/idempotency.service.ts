import { Injectable } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';

/** The stored answers of Idempotency-Key requests, for the modules outside common (housekeeping). */
@Injectable()
export class IdempotencyService {
  constructor(private readonly records: IdempotencyRepository) {}

  /** Deletes the stored answers past their expiry; returns how many went. */
  deleteExpired(): Promise<number> {
    return this.records.deleteExpired();
  }
}
