import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { JobLimitsController, TraineeJobLimitsController } from './job-limits.controller';
import { JobLimitsRepository } from './job-limits.repository';
import { JobLimitsService } from './job-limits.service';

@Module({
  imports: [ReferenceModule],
  controllers: [JobLimitsController, TraineeJobLimitsController],
  providers: [JobLimitsRepository, JobLimitsService],
  exports: [JobLimitsService],
})
export class JobLimitsModule {}
