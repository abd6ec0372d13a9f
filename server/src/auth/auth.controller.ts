import { Body, Controller, Get, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access, Public } from '../common/decorators/access.decorator';
import { RateLimited, REFRESH_RATE_LIMIT_PER_MINUTE } from '../common/decorators/rate-limited.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { ROLES } from '../common/role';
import { AuthService, type IssuedSession } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MeDto, SessionDto } from './dto/session.dto';
import { AltchaChallengeDto } from './throttle/altcha-challenge.dto';
import { AltchaChallengeService } from './throttle/altcha-challenge.service';
import { MfaChallengeDto, MfaLoginDto } from '../mfa/dto/mfa.dto';
import { AllowMfaPending } from '../mfa/mfa-pending.guard';

export const REFRESH_COOKIE = 'jbh_refresh';

@ApiTags('auth')
@ApiExtraModels(SessionDto, MfaChallengeDto)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly challenges: AltchaChallengeService,
  ) {}

  /** Sign in. The refresh token comes back as an httpOnly, SameSite=Strict cookie. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @RateLimited()
  // An account with a second factor gets an MfaChallengeDto (no cookie) and continues at POST /api/auth/mfa.
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(SessionDto) }, { $ref: getSchemaPath(MfaChallengeDto) }] } })
  async login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @ReqContext() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto | MfaChallengeDto> {
    // Checked here rather than in a passport strategy: the ALTCHA solution rides in the same body.
    const user = await this.auth.verifyCredentials(dto.username, dto.password, ctx, dto.altcha);
    const answer = await this.auth.login(user, ctx, req.headers['user-agent']);
    return 'mfaRequired' in answer ? answer : this.withCookie(reply, answer);
  }

  /**
   * A fresh proof-of-work challenge for the sign-in page's ALTCHA widget, asked for after the
   * answer CHALLENGE_REQUIRED. Self-hosted: no third-party service is called.
   */
  @Get('challenge')
  @Public()
  @RateLimited()
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: AltchaChallengeDto })
  challenge(): Promise<AltchaChallengeDto> {
    return this.challenges.create();
  }

  /** Second sign-in step: the mfaToken and a code from the authenticator app (or a recovery code). */
  @Post('mfa')
  @Public()
  @HttpCode(200)
  @RateLimited()
  @ApiOkResponse({ type: SessionDto })
  async mfa(
    @Body() dto: MfaLoginDto,
    @Req() req: FastifyRequest,
    @ReqContext() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.withCookie(reply, await this.auth.completeMfa(dto, ctx, req.headers['user-agent']));
  }

  /** Exchange the refresh cookie for a new access token (the cookie rotates). */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  // Its own, higher limit: every open tab refreshes, and a facility behind one NAT address shares it.
  @RateLimited(REFRESH_RATE_LIMIT_PER_MINUTE)
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
  @AllowMfaPending()
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
    return { accessToken: issued.accessToken, expiresIn: issued.expiresIn, user: issued.user, ...(issued.mfa ? { mfa: issued.mfa } : {}) };
  }

  private clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth', httpOnly: true, sameSite: 'strict', secure: this.config.isProduction });
  }
}
