import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, type Observable, switchMap } from 'rxjs';
import type { AuthUser } from '../common/auth-user';
import { AccessService } from './access.service';

/**
 * Asks the access policy about the caller's standing (an employer not yet verified reaches only
 * its own account, notices and record) on every request, before the handler — and so before any
 * pipe or service sees the ids or the body. Global, registered by the AccessModule: interceptors
 * always run after the guards, so the caller is authenticated and the route's roles already
 * checked; the decision itself is `AccessService.requireStanding`, not here.
 */
@Injectable()
export class StandingInterceptor implements NestInterceptor {
  constructor(private readonly access: AccessService) {}

  /** Route pattern → the matrix's spelling; a few hundred routes, so kept rather than rebuilt per request. */
  private readonly spelling = new Map<string, string>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    // Public routes (and requests Nest routes nowhere) carry no caller: nothing to decide.
    if (!req.user) return next.handle();
    // Only a role the policy holds to its standing has anything to decide (the first question
    // requireStanding asks): every other caller goes straight on, without a promise and an operator chain.
    if (!this.access.can(req.user, 'organisation.mustBeVerified')) return next.handle();
    // The route's pattern in the matrix's spelling: `/api/orders/:id` → `/api/orders/{id}`.
    const pattern = req.routeOptions?.url ?? '';
    let route = this.spelling.get(pattern);
    if (route === undefined) this.spelling.set(pattern, (route = pattern.replace(/:(\w+)/g, '{$1}')));
    return from(this.access.requireStanding(req.user, req.method, route)).pipe(switchMap(() => next.handle()));
  }
}
