import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { RateLimited } from '../common/decorators/rate-limited.decorator';
import type { Role } from '../common/role';
import { MfaCodeDto, MfaEnrolmentStartDto, MfaRecoveryCodesDto, MfaResetDto, MfaStatusDto } from './dto/mfa.dto';
import { AllowMfaPending } from './mfa-pending.guard';
import { MfaService } from './mfa.service';

/**
 * Staff who may enrol a second factor. The route admits them; the service says which of them must
 * (capability `mfa.required`, or the `identity.unmask` permission) and refuses anyone not offered it.
 */
const STAFF: readonly Role[] = ['admin', 'security_admin', 'audit_admin', 'counsellor', 'instructor'];

@ApiTags('mfa')
@Controller()
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  /** My second-factor state: offered, required, enrolled, recovery codes left. */
  @Get('mfa/enrolment')
  @Access(STAFF, 'self')
  @AllowMfaPending()
  @ApiOkResponse({ type: MfaStatusDto })
  status(@CurrentUser() user: AuthUser): Promise<MfaStatusDto> {
    return this.mfa.status(user);
  }

  /** Start enrolling: a new secret, its otpauth:// URI and QR code. Until confirmed, sign-in does not ask for a code. */
  @Post('mfa/enrolment')
  @Access(STAFF, 'self')
  @AllowMfaPending()
  @ApiCreatedResponse({ type: MfaEnrolmentStartDto })
  start(@CurrentUser() user: AuthUser, @ReqContext() ctx: RequestContext): Promise<MfaEnrolmentStartDto> {
    return this.mfa.startEnrolment(user, ctx);
  }

  /** Confirm with the first code from the app; answers the 10 recovery codes, shown this once. */
  @Post('mfa/enrolment/confirm')
  @HttpCode(200)
  @Access(STAFF, 'self')
  @AllowMfaPending()
  @RateLimited()
  @ApiOkResponse({ type: MfaRecoveryCodesDto })
  confirm(@CurrentUser() user: AuthUser, @Body() dto: MfaCodeDto, @ReqContext() ctx: RequestContext): Promise<MfaRecoveryCodesDto> {
    return this.mfa.confirmEnrolment(user, dto.code, ctx);
  }

  /** Turn off my own second factor (a current code is needed); refused where it is required. */
  @Delete('mfa/enrolment')
  @HttpCode(204)
  @Access(STAFF, 'self')
  @RateLimited()
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Body() dto: MfaCodeDto, @ReqContext() ctx: RequestContext): Promise<void> {
    return this.mfa.removeOwn(user, dto.code, ctx);
  }

  /** The security administrator resets someone's second factor (lost phone); their sessions end. Audited with the reason. */
  @Delete('users/:id/mfa')
  @HttpCode(204)
  @Access(['security_admin'], 'all')
  @ApiNoContentResponse()
  reset(
    @CurrentUser() admin: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: MfaResetDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<void> {
    return this.mfa.reset(admin, id, dto.reason, ctx);
  }
}
