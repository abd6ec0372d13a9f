import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/auth-user';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import type { AccessTokenPayload } from './auth.service';
import { SessionCache } from './session-cache';
import { SessionsRepository } from './sessions.repository';

/**
 * Verifies the bearer token, then checks one indexed row: a token stops working the moment its
 * session is revoked (logout, reuse detection) or its account is disabled or changes role. The
 * row's yes is reused for SESSION_CACHE_MS (SessionCache), and evicted in every process by each of those.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly cache: SessionCache,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public key on every request — about 400 µs per verify here against 10 µs (see bench/README.md).
      // passport-jwt passes it to jwt.verify untouched; its typings only know string | Buffer.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
    });
  }

  async validate(payload: AccessTokenPayload): Promise<(AuthUser & { sid: string; mfa?: 'pending' }) | false> {
    const key = { userId: payload.sub, role: payload.role, organisationId: payload.org, familyId: payload.sid };
    const live = await this.cache.isLive(key, () => this.sessions.isLive(payload.sub, payload.role, payload.org, payload.sid));
    if (!live) return false;
    const user = { id: payload.sub, username: payload.username, role: payload.role, organisationId: payload.org, sid: payload.sid };
    // The MfaPendingGuard holds such a session to the enrolment routes.
    return payload.mfa === 'pending' ? { ...user, mfa: 'pending' } : user;
  }
}
