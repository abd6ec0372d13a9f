import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { requestContextOf } from '../common/decorators/current-user.decorator';
import type { User } from '../users/user.entity';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ passReqToCallback: true });
  }

  validate(req: FastifyRequest, username: string, password: string): Promise<User> {
    return this.auth.verifyCredentials(username, password, requestContextOf(req));
  }
}
