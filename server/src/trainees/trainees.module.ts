import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Trainee } from './trainee.entity';
import { TraineesController } from './trainees.controller';
import { TraineesRepository } from './trainees.repository';
import { TraineesService } from './trainees.service';

@Module({
  imports: [TypeOrmModule.forFeature([Trainee])],
  controllers: [TraineesController],
  providers: [TraineesRepository, TraineesService],
})
export class TraineesModule {}
