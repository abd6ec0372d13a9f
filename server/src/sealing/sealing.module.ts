import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { SealingController } from './sealing.controller';
import { SealingRepository } from './sealing.repository';
import { SealingScheduler } from './sealing.scheduler';
import { SealingService } from './sealing.service';

/** 封存 and the retention schedule (see the RecordSealing migration for how a sealed record disappears). */
@Module({
  imports: [UsersModule],
  controllers: [SealingController],
  providers: [SealingService, SealingRepository, SealingScheduler],
  exports: [SealingService],
})
export class SealingModule {}
