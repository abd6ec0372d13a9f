import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser, RequestContext } from '../auth-user';

type AuthedRequest = FastifyRequest & { user?: AuthUser };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  // The global guard has already refused unauthenticated calls; reaching here without a user is a bug.
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});

export const requestContextOf = (req: FastifyRequest): RequestContext => ({
  requestId: typeof req.id === 'string' ? req.id : String(req.id ?? ''),
  ip: req.ip ?? null,
});

/** The request id and client address, for audit entries. */
export const ReqContext = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext =>
  requestContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
