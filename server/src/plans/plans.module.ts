import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TraineesModule } from '../trainees/trainees.module';
import { MyPlanService } from './my-plan.service';
import { NeedsAssessment, NeedsAssessmentArea, PlanAction, PlanGoal, PlanReview } from './plan.entities';
import { PlanStepsService } from './plan-steps.service';
import { PlanRemindersScheduler } from './plan-reminders.scheduler';
import { MyPlanController, PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';
import { PlansReadmittedListener } from './trainee-readmitted.listener';

/**
 * The needs assessment and the personal plan. Exports PlansService for `blockersFor` (pre-release
 * readiness, matching explanations).
 */
@Module({
  imports: [TypeOrmModule.forFeature([NeedsAssessment, NeedsAssessmentArea, PlanGoal, PlanAction, PlanReview]), TraineesModule],
  controllers: [PlansController, MyPlanController],
  providers: [PlansRepository, PlansService, PlanStepsService, MyPlanService, PlanRemindersScheduler, PlansReadmittedListener],
  exports: [PlansService],
})
export class PlansModule {}
