import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '../common/decorators/access.decorator';
import { DomainError } from '../common/domain-error';
import { RouteMetadataCache } from '../common/guards/route-metadata';

export const ALLOW_MFA_PENDING_KEY = 'jbh:allow-mfa-pending';

/**
 * Marks a route an account that still has to enrol its second factor may call: the enrolment routes
 * and `GET /api/auth/me` (the client needs to know who is signed in to show the enrolment page).
 */
export const AllowMfaPending = () => SetMetadata(ALLOW_MFA_PENDING_KEY, true);

/** What JwtStrategy puts on the request for a token with the `mfa: 'pending'` claim. */
export interface MfaPendingMarker {
  mfa?: 'pending';
}

/**
 * Global, registered by MfaModule: AppModule's own guards (JwtAuthGuard, RolesGuard) are registered
 * first, so the caller is already known here. An account that must have a second factor and has
 * none gets a session that reaches only the routes marked @AllowMfaPending() until it enrols.
 */
@Injectable()
export class MfaPendingGuard implements CanActivate {
  private readonly routes: RouteMetadataCache<{ isPublic: boolean; allowPending: boolean }>;

  constructor(reflector: Reflector) {
    this.routes = new RouteMetadataCache((targets) => ({
      isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true,
      allowPending: reflector.getAllAndOverride<boolean>(ALLOW_MFA_PENDING_KEY, targets) === true,
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    const route = this.routes.get(context);
    if (route.isPublic) return true;
    const user = context.switchToHttp().getRequest<{ user?: MfaPendingMarker }>().user;
    // Fail closed if the guard order ever changes: no caller known means no decision can be made.
    if (!user) throw new Error('MfaPendingGuard ran before the caller was authenticated');
    if (user.mfa !== 'pending') return true;
    if (route.allowPending) return true;
    throw new DomainError(403, 'MFA_ENROLMENT_REQUIRED');
  }
}
