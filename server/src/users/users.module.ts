import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationsModule } from '../organisations/organisations.module';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Accounts. Ending an account's sessions (disabled, password reset) and lifting its sign-in delays
 * (unlock) belong to AuthModule, which depends on this one: UsersService publishes
 * `AccountCredentialsRevoked` / `AccountUnlocked` (account.events.ts) and AuthModule acts on them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User]), OrganisationsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
