import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TraineesModule } from '../trainees/trainees.module';
import { DiplomasController } from './diplomas.controller';
import { DiplomasService } from './diplomas.service';

@Module({
  imports: [TraineesModule, OrganisationsModule],
  controllers: [DiplomasController],
  providers: [DiplomasService],
})
export class DiplomasModule {}
