import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { UsersModule } from '../users/users.module';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsScheduler } from './follow-ups.scheduler';
import { FollowUpsService } from './follow-ups.service';
import { HandoverCompletedListener } from './handover-completed.listener';
import { TraineeReadmittedListener } from './trainee-readmitted.listener';

@Module({
  imports: [NotificationsModule, UsersModule, OutcomesModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpsRepository, FollowUpsScheduler, HandoverCompletedListener, TraineeReadmittedListener],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
