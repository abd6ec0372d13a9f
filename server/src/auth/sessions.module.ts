import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshSession } from './refresh-session.entity';
import { SessionCache } from './session-cache';
import { SessionRevocationsRepository } from './session-cache.repository';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * Refresh sessions (one family per sign-in), owned by auth. Other modules use SessionsService
 * (housekeeping: `deleteExpired`); the repository is exported for AuthModule's own sign-in code
 * (AuthService, JwtStrategy) only, and so is the SessionCache (JwtStrategy's live-session answers,
 * invalidated by every revocation the repository makes).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshSession])],
  providers: [SessionsRepository, SessionsService, SessionRevocationsRepository, SessionCache],
  exports: [SessionsRepository, SessionsService, SessionCache],
})
export class SessionsModule {}
