import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { UsersModule } from '../users/users.module';
import { ConsentsModule } from '../consents/consents.module';
import { JobLimitsModule } from '../job-limits/job-limits.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlacementsModule } from '../placements/placements.module';
import { TraineesModule } from '../trainees/trainees.module';
import { BoothsRepository } from './booths.repository';
import { BoothsService } from './booths.service';
import { FairLegalLimits } from './fair-legal-limits';
import { FairRegistrationsRepository } from './fair-registrations.repository';
import { FairRegistrationsService } from './fair-registrations.service';
import { FairRemindersScheduler } from './fair-reminders.scheduler';
import { FairsController } from './fairs.controller';
import { FairsRepository } from './fairs.repository';
import { FairsService } from './fairs.service';
import { InterviewsRepository } from './interviews.repository';
import { InterviewsService } from './interviews.service';

/**
 * Job fairs, in four services over four repositories: the fairs (`FairsService`), their booths and
 * slots (`BoothsService`), who comes and the desk (`FairRegistrationsService`), and meeting there —
 * interviews and intents (`InterviewsService`). One controller keeps the routes and operation ids.
 */
@Module({
  imports: [ConsentsModule, JobLimitsModule, NotificationsModule, OrganisationsModule, PlacementsModule, TraineesModule, UsersModule],
  controllers: [FairsController],
  providers: [
    FairsService,
    BoothsService,
    FairRegistrationsService,
    InterviewsService,
    FairsRepository,
    BoothsRepository,
    FairRegistrationsRepository,
    InterviewsRepository,
    FairRemindersScheduler,
    FairLegalLimits,
  ],
  exports: [FairsService],
})
export class FairsModule {}
