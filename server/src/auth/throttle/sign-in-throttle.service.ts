import { createHmac, hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { addressBucket } from './client-address';
import { SignInThrottleRepository, type ThrottleRule } from './sign-in-throttle.repository';

/**
 * Per account: five free failures, then each further attempt waits 2^(n−5) s (1 s, 2 s, 4 s …, at
 * most 15 min) unless it comes with a solved challenge. Remembered for a day, so pausing does not
 * buy a slow guesser a fresh set of free tries.
 */
export const ACCOUNT_RULE: ThrottleRule = { free: 5, capSeconds: 15 * 60, memorySeconds: 24 * 3600 };

/**
 * Per address: a facility behind one NAT address shares it, so twenty free failures (people
 * mistyping at shift start), then the same doubling wait; forgotten after an hour without failures.
 * It catches one machine spraying one password over many usernames.
 */
export const ADDRESS_RULE: ThrottleRule = { free: 20, capSeconds: 15 * 60, memorySeconds: 3600 };

/** What one attempt was counted as: given back to `succeeded` when the password was right. */
export interface SignInClaim {
  accountKey: string;
  addressKey: string | null;
  accountFailures: number;
  addressFailures: number;
}

/**
 * Throttles sign-in without a lockout: a wait that doubles with each failure, which a solved
 * challenge (proof of work) skips — so an attacker's guesses can slow an account down but never
 * keep its owner out. Usernames and addresses are stored only as keyed hashes: an unknown name is
 * counted exactly like a known one, and the table holds no address (or password typed into the
 * username field).
 */
@Injectable()
export class SignInThrottleService {
  private readonly key: Buffer;
  private claimsSincePrune = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: SignInThrottleRepository,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.fieldEncryptionKey, Buffer.alloc(0), 'jinbuhuan/sign-in-throttle/v1', 32));
  }

  /** The same normalisation as the username look-up: `ADMIN` and ` admin ` are `admin`. */
  static normaliseUsername(username: string): string {
    return username.trim().toLowerCase();
  }

  private hash(scope: string, value: string): string {
    return createHmac('sha256', this.key).update(`${scope}\u0000${value}`).digest('hex');
  }

  accountKey(username: string): string {
    return this.hash('account', SignInThrottleService.normaliseUsername(username));
  }

  addressKey(ip: string | null): string | null {
    const bucket = addressBucket(ip);
    return bucket ? this.hash('address', bucket) : null;
  }

  /**
   * Counts this attempt for the account and the address before the password is checked. Null:
   * one of them is inside its wait and no solved challenge came with the attempt.
   */
  async claim(username: string, ip: string | null, challengeSolved: boolean): Promise<SignInClaim | null> {
    const accountKey = this.accountKey(username);
    const addressKey = this.addressKey(ip);
    const counts = await this.repo.claim(
      [
        { scope: 'account', key: accountKey, rule: ACCOUNT_RULE },
        ...(addressKey ? [{ scope: 'address' as const, key: addressKey, rule: ADDRESS_RULE }] : []),
      ],
      challengeSolved,
    );
    // Housekeeping on the way (there is no job for it): forgotten counters are dropped now and then.
    if (++this.claimsSincePrune >= 200) {
      this.claimsSincePrune = 0;
      await this.repo.prune(ACCOUNT_RULE.memorySeconds);
    }
    if (!counts) return null;
    return { accountKey, addressKey, accountFailures: counts[0] ?? 0, addressFailures: counts[1] ?? 0 };
  }

  /** The password was right: the account's count starts again, the address's attempt is given back. */
  succeeded(claim: SignInClaim): Promise<void> {
    return this.repo.succeeded(claim.accountKey, claim.addressKey);
  }

  /** An administrator's "unlock": forget the account's failures. */
  resetAccount(username: string): Promise<void> {
    return this.repo.clear('account', this.accountKey(username));
  }
}
