import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '../reference/reference.module';
import { UsersModule } from '../users/users.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { ChecklistItem } from './checklist-item.entity';
import { ChecklistRepository } from './checklist.repository';
import { ChecklistService } from './checklist.service';
import { CorrectionRequest } from './correction-request.entity';
import { PreReleaseScheduler } from './pre-release.scheduler';
import { TraineeExcelService } from './trainee-excel.service';
import { TraineePortalController } from './trainee-portal.controller';
import { TraineePortalRepository } from './trainee-portal.repository';
import { TraineePortalService } from './trainee-portal.service';
import { TraineeStateChange } from './trainee-state-change.entity';
import { Trainee } from './trainee.entity';
import { TraineeSnapshot } from './trainee-snapshot.entity';
import { TraineeEpisode } from './trainee-episode.entity';
import { TraineesController } from './trainees.controller';
import { TraineesRepository } from './trainees.repository';
import { TraineesService } from './trainees.service';
import { EpisodesService } from './episodes.service';
import { ChecklistController } from './checklist.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Trainee, TraineeStateChange, ChecklistItem, CorrectionRequest, TraineeSnapshot, TraineeEpisode]),
    UsersModule,
    ReferenceModule,
    OutcomesModule,
  ],
  // The portal's static /trainees/me/… routes are registered before /trainees/:id.
  controllers: [TraineePortalController, ChecklistController, TraineesController],
  providers: [
    TraineesRepository,
    ChecklistRepository,
    TraineePortalRepository,
    TraineesService,
    EpisodesService,
    TraineeExcelService,
    ChecklistService,
    TraineePortalService,
    PreReleaseScheduler,
  ],
  exports: [TraineesService, ChecklistService],
})
export class TraineesModule {}
