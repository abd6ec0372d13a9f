import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { HousekeepingScheduler } from './housekeeping.scheduler';
import { HousekeepingService } from './housekeeping.service';

/** Periodic deletion of what is kept no longer (used-up sessions, audit entries past retention). */
@Module({
  imports: [UsersModule],
  providers: [HousekeepingService, HousekeepingScheduler],
  exports: [HousekeepingService],
})
export class HousekeepingModule {}
