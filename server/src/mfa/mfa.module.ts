import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { MfaPendingGuard } from './mfa-pending.guard';
import { MfaController } from './mfa.controller';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';

/**
 * TOTP second factor for staff. Global so AuthService (sign-in, token issue) can ask MfaService
 * without AuthModule importing it. This module needs only accounts (UsersService); a reset ends the
 * account's sessions through the `AccountCredentialsRevoked` event, which AuthModule handles, so mfa
 * never imports auth (auth depends on mfa, not the reverse).
 */
@Global()
@Module({
  imports: [UsersModule],
  controllers: [MfaController],
  providers: [MfaRepository, MfaService, { provide: APP_GUARD, useClass: MfaPendingGuard }],
  exports: [MfaService],
})
export class MfaModule {}
