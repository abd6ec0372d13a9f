import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '../organisations/organisations.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { ReferenceModule } from '../reference/reference.module';
import { TraineesModule } from '../trainees/trainees.module';
import { Handover } from './handover.entity';
import { HandoversController } from './handovers.controller';
import { HandoversRepository } from './handovers.repository';
import { HandoversService } from './handovers.service';

@Module({
  imports: [TypeOrmModule.forFeature([Handover]), TraineesModule, OrganisationsModule, ReferenceModule, OutcomesModule],
  controllers: [HandoversController],
  providers: [HandoversRepository, HandoversService],
  exports: [HandoversService],
})
export class HandoversModule {}
