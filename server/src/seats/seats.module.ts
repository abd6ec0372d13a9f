import { Module } from '@nestjs/common';
import { SeatEngine } from './seat-engine';
import { SeatsRepository } from './seats.repository';

/** The one seat engine (capacity, waitlist, promotion, transfer, attendance) for courses and diplomas. */
@Module({
  providers: [SeatsRepository, SeatEngine],
  exports: [SeatEngine],
})
export class SeatsModule {}
