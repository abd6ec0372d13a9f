import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { StandingGuard } from './standing.guard';

/**
 * The one access policy, available to every domain module. It also refuses, on every request, what
 * the caller's standing does not allow (an employer not yet verified: StandingGuard).
 */
@Global()
@Module({
  providers: [AccessRepository, AccessService, { provide: APP_GUARD, useClass: StandingGuard }],
  exports: [AccessService],
})
export class AccessModule {}
