import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access, Public } from '../common/decorators/access.decorator';
import { RateLimited } from '../common/decorators/rate-limited.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { ROLES, type User } from '../users/user.entity';
import { AuthService, type IssuedSession } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MeDto, SessionDto } from './dto/session.dto';
import { LocalAuthGuard } from './local-auth.guard';

export const REFRESH_COOKIE = 'jbh_refresh';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sign in. The refresh token comes back as an httpOnly, SameSite=Strict cookie. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @RateLimited()
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionDto })
  async login(
    @Req() req: FastifyRequest & { user: User },
    @ReqContext() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.login(req.user, ctx, req.headers['user-agent']));
  }

  /** Exchange the refresh cookie for a new access token (the cookie rotates). */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @RateLimited()
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOkResponse({ type: SessionDto })
  async refresh(
    @Req() req: FastifyRequest,
    @ReqContext() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    try {
      return this.withCookie(reply, await this.auth.refresh(req.cookies[REFRESH_COOKIE], ctx, req.headers['user-agent']));
    } catch (e) {
      // Only a token that is actually bad ends the browser's session; a database blip (503) or a rate
      // limit keeps the cookie so the next try can succeed.
      if (e instanceof DomainError && e.getStatus() === 401) this.clearCookie(reply);
      throw e;
    }
  }

  /** End this session family and clear the cookie. Works with an expired access token. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  @RateLimited()
  @ApiNoContentResponse()
  async logout(
    @Req() req: FastifyRequest,
    @ReqContext() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(req.cookies[REFRESH_COOKIE], ctx);
    this.clearCookie(reply);
  }

  /** The signed-in user and their organisation. */
  @Get('me')
  @Access(ROLES, 'self')
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user);
  }

  /** Change one's own password; other sessions of the account end. */
  @Post('password')
  @HttpCode(204)
  @Access(ROLES, 'self')
  @RateLimited()
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @ReqContext() ctx: RequestContext): Promise<void> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword, ctx);
  }

  private withCookie(reply: FastifyReply, issued: IssuedSession): SessionDto {
    void reply.setCookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.isProduction,
      path: '/api/auth',
      expires: issued.refreshExpiresAt,
    });
    return { accessToken: issued.accessToken, expiresIn: issued.expiresIn, user: issued.user };
  }

  private clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: this.config.isProduction });
  }
}
