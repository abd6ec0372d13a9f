import { Module } from '@nestjs/common';
import { SignInThrottleModule } from '../auth/throttle/sign-in-throttle.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshSession } from '../auth/refresh-session.entity';
import { SessionsRepository } from '../auth/sessions.repository';
import { OrganisationsModule } from '../organisations/organisations.module';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * Accounts and their sessions. Sessions are provided here (not in AuthModule) because disabling
 * an account or resetting its password must end them, and AuthModule already depends on this one.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User, RefreshSession]), OrganisationsModule, SignInThrottleModule],
  controllers: [UsersController],
  providers: [UsersRepository, SessionsRepository, UsersService],
  exports: [UsersRepository, SessionsRepository, UsersService],
})
export class UsersModule {}
