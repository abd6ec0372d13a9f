import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { MfaPendingGuard } from './mfa-pending.guard';
import { MfaController } from './mfa.controller';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';

/**
 * TOTP second factor for staff. Global so AuthService (sign-in, token issue) can ask MfaService
 * without AuthModule importing it; this module needs only accounts and sessions, from UsersModule,
 * so there is no cycle.
 */
@Global()
@Module({
  imports: [UsersModule],
  controllers: [MfaController],
  providers: [MfaRepository, MfaService, { provide: APP_GUARD, useClass: MfaPendingGuard }],
  exports: [MfaService],
})
export class MfaModule {}
