import { Module } from '@nestjs/common';
import { JobLimitsModule } from '../job-limits/job-limits.module';
import { PlansModule } from '../plans/plans.module';
import { MatchingController } from './matching.controller';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';

@Module({ imports: [JobLimitsModule, PlansModule], controllers: [MatchingController], providers: [MatchingService, MatchingRepository] })
export class MatchingModule {}
