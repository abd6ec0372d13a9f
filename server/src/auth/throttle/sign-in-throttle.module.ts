import { Module } from '@nestjs/common';
import { AltchaChallengeService } from './altcha-challenge.service';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { SignInThrottleService } from './sign-in-throttle.service';

/** Sign-in throttling and its proof-of-work second step; its own module so an admin's "unlock" can reach it too. */
@Module({
  providers: [SignInThrottleRepository, SignInThrottleService, AltchaChallengeService],
  exports: [SignInThrottleService, AltchaChallengeService],
})
export class SignInThrottleModule {}
