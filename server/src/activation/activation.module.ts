import { Module } from '@nestjs/common';
import { TraineesModule } from '../trainees/trainees.module';
import { UsersModule } from '../users/users.module';
import { ActivationController } from './activation.controller';
import { ActivationRepository } from './activation.repository';
import { ActivationService } from './activation.service';

/** Release-day activation codes: a trainee without an account activates the portal on their own phone. */
@Module({
  imports: [TraineesModule, UsersModule],
  controllers: [ActivationController],
  providers: [ActivationRepository, ActivationService],
})
export class ActivationModule {}
