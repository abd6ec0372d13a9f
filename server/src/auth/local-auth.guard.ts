import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../common/domain-error';

/** passport-local answers a missing username or password with status 400: keep it a 400. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(err: unknown, user: TUser | false, _info: unknown, _ctx: ExecutionContext, status?: unknown): TUser {
    if (err instanceof Error) throw err;
    if (!user && status === 400) {
      throw new DomainError(400, 'VALIDATION_FAILED', '请输入用户名和密码。', 'Enter a username and a password.');
    }
    if (!user) throw new DomainError(401, 'INVALID_CREDENTIALS', '用户名或密码不正确。', 'Wrong username or password.');
    return user;
  }
}
