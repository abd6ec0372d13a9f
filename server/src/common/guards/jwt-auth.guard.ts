import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { isDatabaseUnavailable } from '../database-unavailable';
import { DomainError } from '../domain-error';
import { IS_PUBLIC_KEY } from '../decorators/access.decorator';
import { RouteMetadataCache } from './route-metadata';

/** Global: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly isPublic: RouteMetadataCache<boolean>;

  constructor(reflector: Reflector) {
    super();
    this.isPublic = new RouteMetadataCache((targets) => reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true);
  }

  override canActivate(context: ExecutionContext) {
    if (this.isPublic.get(context)) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    // The session look-up failed because the database is away: that is a 503 (try again), not a
    // sign-out. Answering 401 made every web client refresh, then drop its session, on a blip.
    if (isDatabaseUnavailable(err)) throw err;
    if (err || !user) {
      throw new DomainError(401, 'UNAUTHENTICATED.COMMON');
    }
    return user;
  }
}
