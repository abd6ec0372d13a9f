import { hkdfSync, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import type { AltchaChallengeDto } from './altcha-challenge.dto';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

/**
 * How much work one challenge is. The server picks the answer (`counter`) and signs the key it
 * leads to, so checking a solution is one HMAC; the browser has to try every counter up to it,
 * each costing `cost` PBKDF2 rounds: about a second or two on a phone, spread over web workers.
 * The e2e suites solve challenges in-process on a shared CPU, so under NODE_ENV=test a challenge
 * is a few dozen tries; the rule and the checks are the same.
 */
const DIFFICULTY = {
  normal: { cost: 1_000, counterMin: 2_000, counterMax: 6_000 },
  test: { cost: 100, counterMin: 10, counterMax: 50 },
} as const;

/** A solution must come back within this time; the used-challenge list keeps ids as long. */
export const CHALLENGE_TTL_SECONDS = 10 * 60;

/**
 * Creates and checks ALTCHA proof-of-work challenges (the second step after repeated sign-in
 * failures). Self-hosted on purpose: a CAPTCHA served from Google would not load in China. Each
 * solved challenge opens one attempt: its nonce is remembered until it expires.
 */
@Injectable()
export class AltchaChallengeService {
  private readonly signatureSecret: string;
  private readonly keySignatureSecret: string;
  private readonly difficulty: (typeof DIFFICULTY)[keyof typeof DIFFICULTY];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: SignInThrottleRepository,
  ) {
    // Own keys derived from the JWT secret: a challenge signature can never pass for a token's.
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', config.jwtSecret, Buffer.alloc(0), info, 32)).toString('hex');
    this.signatureSecret = derive('jinbuhuan/altcha/signature/v1');
    this.keySignatureSecret = derive('jinbuhuan/altcha/key-signature/v1');
    this.difficulty = config.nodeEnv === 'test' ? DIFFICULTY.test : DIFFICULTY.normal;
  }

  async create(): Promise<AltchaChallengeDto> {
    const challenge = await createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: this.difficulty.cost,
      counter: randomInt(this.difficulty.counterMin, this.difficulty.counterMax + 1),
      deriveKey,
      expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
      hmacSignatureSecret: this.signatureSecret,
      hmacKeySignatureSecret: this.keySignatureSecret,
    });
    return { parameters: challenge.parameters, signature: challenge.signature ?? '' };
  }

  /**
   * True once for a genuine, unexpired, solved challenge; false for anything else (malformed,
   * forged, expired, wrong answer, or already used). Never throws on client input.
   */
  async redeem(payload: string | undefined): Promise<boolean> {
    const decoded = decodePayload(payload);
    if (!decoded) return false;
    let verified = false;
    try {
      const result = await verifySolution({
        challenge: decoded.challenge,
        solution: decoded.solution,
        deriveKey,
        hmacSignatureSecret: this.signatureSecret,
        hmacKeySignatureSecret: this.keySignatureSecret,
      });
      verified = result.verified;
    } catch {
      return false;
    }
    if (!verified) return false;
    const { nonce, expiresAt } = decoded.challenge.parameters;
    if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > 64 || typeof expiresAt !== 'number') return false;
    return this.repo.useChallenge(nonce, new Date(expiresAt * 1000));
  }
}

/** The widget's payload: base64 of `{ challenge: { parameters, signature }, solution }`. */
function decodePayload(payload: string | undefined): { challenge: Challenge; solution: Solution } | null {
  if (!payload) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    if (!isObject(value) || !isObject(value.challenge) || !isObject(value.solution)) return null;
    const { challenge, solution } = value;
    if (!isObject(challenge.parameters) || typeof challenge.signature !== 'string') return null;
    if (typeof solution.counter !== 'number' || typeof solution.derivedKey !== 'string') return null;
    return { challenge: challenge as unknown as Challenge, solution: solution as unknown as Solution };
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
