import { OrdersModule } from '../orders/orders.module';
import { Module } from '@nestjs/common';
import { PlacementsModule } from '../placements/placements.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ReferenceModule } from '../reference/reference.module';
import { SeatsModule } from '../seats/seats.module';
import { TraineesModule } from '../trainees/trainees.module';
import { UsersModule } from '../users/users.module';
import { CoursesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';

@Module({
  imports: [TraineesModule, OrganisationsModule, OrdersModule, UsersModule, ReferenceModule, PlacementsModule, SeatsModule, OutcomesModule],
  controllers: [CoursesController],
  providers: [CoursesRepository, CoursesService],
  exports: [CoursesService],
})
export class CoursesModule {}
