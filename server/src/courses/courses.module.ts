import { Module } from '@nestjs/common';
import { PlacementsModule } from '../placements/placements.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ReferenceModule } from '../reference/reference.module';
import { TraineesModule } from '../trainees/trainees.module';
import { CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';

@Module({
  imports: [TraineesModule, OrganisationsModule, ReferenceModule, PlacementsModule],
  controllers: [CoursesController],
  providers: [CoursesService],
})
export class CoursesModule {}
