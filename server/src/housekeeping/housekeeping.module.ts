import { Module } from '@nestjs/common';
import { SessionsModule } from '../auth/sessions.module';
import { HousekeepingScheduler } from './housekeeping.scheduler';
import { HousekeepingRepository } from './housekeeping.repository';
import { HousekeepingService } from './housekeeping.service';

/** Periodic deletion of what is kept no longer (used-up sessions, audit entries past retention). */
@Module({
  imports: [SessionsModule],
  providers: [HousekeepingService, HousekeepingRepository, HousekeepingScheduler],
  exports: [HousekeepingService],
})
export class HousekeepingModule {}
