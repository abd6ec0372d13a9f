import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { StandingInterceptor } from './standing.interceptor';

/**
 * The one access policy, available to every domain module. It also refuses, on every request, what
 * the caller's standing does not allow (an employer not yet verified: StandingInterceptor).
 */
@Global()
@Module({
  providers: [AccessRepository, AccessService, { provide: APP_INTERCEPTOR, useClass: StandingInterceptor }],
  exports: [AccessService],
})
export class AccessModule {}
