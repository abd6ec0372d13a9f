import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsScheduler } from './follow-ups.scheduler';
import { FollowUpsService } from './follow-ups.service';

@Module({
  imports: [NotificationsModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpsRepository, FollowUpsScheduler],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}
