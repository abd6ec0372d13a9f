import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SeatsModule } from '../seats/seats.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { TraineesModule } from '../trainees/trainees.module';
import { UsersModule } from '../users/users.module';
import { ClassApplicationsService } from './class-applications.service';
import { DiplomasController } from './diplomas.controller';
import { DiplomasRepository } from './diplomas.repository';
import { DiplomasService } from './diplomas.service';
import { GraduationService } from './graduation.service';

@Module({
  imports: [TraineesModule, OrganisationsModule, UsersModule, SeatsModule, OutcomesModule],
  controllers: [DiplomasController],
  providers: [DiplomasRepository, DiplomasService, GraduationService, ClassApplicationsService],
  exports: [ClassApplicationsService],
})
export class DiplomasModule {}
