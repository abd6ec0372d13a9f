import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { TraineesModule } from '../trainees/trainees.module';
import { UsersModule } from '../users/users.module';
import { ConsentsModule } from '../consents/consents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { JobLimitsModule } from '../job-limits/job-limits.module';
import { OrderCandidatesController, PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';
import { PlacementsReadmittedListener } from './trainee-readmitted.listener';

@Module({
  imports: [ConsentsModule, NotificationsModule, OrdersModule, TraineesModule, UsersModule, OutcomesModule, JobLimitsModule],
  controllers: [PlacementsController, OrderCandidatesController],
  providers: [PlacementsService, PlacementsRepository, PlacementsReadmittedListener],
  exports: [PlacementsService],
})
export class PlacementsModule {}
