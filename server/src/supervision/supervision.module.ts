import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TraineesModule } from '../trainees/trainees.module';
import { UsersModule } from '../users/users.module';
import { LostContactsController, TransfersController } from './supervision.controller';
import { SupervisionRepository } from './supervision.repository';
import { SupervisionService } from './supervision.service';
import { VisitRecordedListener } from './visit-recorded.listener';

/** Community supervision after release: transfers between stations (转移监管) and lost contact (失联). */
@Module({
  imports: [TraineesModule, OrganisationsModule, FollowUpsModule, UsersModule],
  controllers: [TransfersController, LostContactsController],
  providers: [SupervisionService, SupervisionRepository, VisitRecordedListener],
  exports: [SupervisionService],
})
export class SupervisionModule {}
