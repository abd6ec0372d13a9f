import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { DiplomasModule } from '../diplomas/diplomas.module';
import { FairsModule } from '../fairs/fairs.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { HandoversModule } from '../handovers/handovers.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlacementsModule } from '../placements/placements.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { TraineesModule } from '../trainees/trainees.module';
import { UsersModule } from '../users/users.module';
import { TodayController } from './today.controller';
import { TodayService } from './today.service';

/** GET /me/today: the counts each staff home is built around (issue 12). */
@Module({
  imports: [
    CoursesModule,
    DiplomasModule,
    FairsModule,
    FollowUpsModule,
    HandoversModule,
    SupervisionModule,
    TraineesModule,
    PlacementsModule,
    OrganisationsModule,
    UsersModule,
  ],
  controllers: [TodayController],
  providers: [TodayService],
})
export class TodayModule {}
