import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RefreshSession } from './refresh-session.entity';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * Refresh sessions (one family per sign-in), owned by auth. Other modules use SessionsService
 * (housekeeping: `deleteExpired`); the repository is exported for AuthModule's own sign-in code
 * (AuthService, JwtStrategy) only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RefreshSession])],
  providers: [SessionsRepository, SessionsService],
  exports: [SessionsRepository, SessionsService],
})
export class SessionsModule {}
