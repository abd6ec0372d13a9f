import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { TraineesModule } from '../trainees/trainees.module';
import { UsersModule } from '../users/users.module';
import { ConsentsModule } from '../consents/consents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { JobLimitsModule } from '../job-limits/job-limits.module';
import { EmployerPipelineController, OrderCandidatesController, PlacementsController } from './placements.controller';
import { EmployerPipelineRepository } from './employer-pipeline.repository';
import { EmployerPipelineService } from './employer-pipeline.service';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';
import { PlacementsReadmittedListener } from './trainee-readmitted.listener';

@Module({
  imports: [ConsentsModule, NotificationsModule, OrdersModule, TraineesModule, UsersModule, OutcomesModule, JobLimitsModule],
  controllers: [PlacementsController, OrderCandidatesController, EmployerPipelineController],
  providers: [PlacementsService, PlacementsRepository, PlacementsReadmittedListener, EmployerPipelineService, EmployerPipelineRepository],
  exports: [PlacementsService],
})
export class PlacementsModule {}
