import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/events/domain-events';
import { AccountCredentialsRevoked, AccountUnlocked } from '../users/account.events';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './throttle/sign-in-throttle.service';

/**
 * What sign-in does when an account changes elsewhere: revoked credentials (disabled, password reset
 * by an administrator, second factor reset) end every session of the account in the same
 * transaction; an administrator's unlock forgets the sign-in throttle's failures for it.
 */
@Injectable()
export class AccountEventsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottleService,
  ) {}

  onModuleInit(): void {
    this.events.on(AccountCredentialsRevoked, async (e) => {
      await this.sessions.revokeAllForUser(e.userId, e.reason, e.manager);
    });
    this.events.on(AccountUnlocked, (e) => this.throttle.resetAccount(e.username));
  }
}
