import type { EntityManager } from 'typeorm';

/** Why an account's sessions were ended for it (kept as `refresh_session.revoke_reason`). */
export type CredentialsRevokedReason = 'account_disabled' | 'password_reset' | 'mfa_reset';

/**
 * What the account signed in with no longer holds: it was disabled, an administrator set a new
 * password, or the security administrator reset its second factor. Published inside the change's
 * transaction with its `manager`; AuthModule ends every session of the account in that transaction.
 */
export class AccountCredentialsRevoked {
  constructor(
    readonly userId: string,
    readonly reason: CredentialsRevokedReason,
    readonly manager: EntityManager,
  ) {}
}

/** An administrator lifted the sign-in delays of an account ("unlock"); published after the change is committed. */
export class AccountUnlocked {
  constructor(readonly username: string) {}
}
