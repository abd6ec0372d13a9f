import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacementsModule } from '../placements/placements.module';
import { FairRemindersScheduler } from './fair-reminders.scheduler';
import { FairsController } from './fairs.controller';
import { FairsRepository } from './fairs.repository';
import { FairsService } from './fairs.service';

@Module({
  imports: [ConsentsModule, NotificationsModule, PlacementsModule],
  controllers: [FairsController],
  providers: [FairsService, FairsRepository, FairRemindersScheduler],
})
export class FairsModule {}
