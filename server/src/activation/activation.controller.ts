import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access, Public } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { RateLimited } from '../common/decorators/rate-limited.decorator';
import { ActivationService } from './activation.service';
import { ActivateDto, ActivatedDto, ActivationCodeStatusDto, IssuedActivationCodeDto } from './dto/activation.dto';

@ApiTags('activation')
@Controller()
export class ActivationController {
  constructor(private readonly activation: ActivationService) {}

  /**
   * Issues the trainee's one-time activation code for the handover sheet (a live one is revoked).
   * The code is in this answer only: print it now.
   */
  @Post('trainees/:id/activation-code')
  @Access(['counsellor'], 'own-organisation')
  @Header('Cache-Control', 'no-store')
  issue(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<IssuedActivationCodeDto> {
    return this.activation.issue(user, id, ctx);
  }

  /** Whether the trainee's code is live, used or expired; never the code. */
  @Get('trainees/:id/activation-code')
  @Access(['counsellor'], 'own-organisation')
  status(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ActivationCodeStatusDto> {
    return this.activation.status(user, id);
  }

  /**
   * Public: the person activates their trainee account with the code from the sheet and their birth
   * year, choosing a username and password; then they sign in with POST /api/auth/login. Every
   * refusal of the code answers the same 400 ACTIVATION_INVALID. Rate-limited per address like sign-in.
   */
  @Post('activation')
  @Public()
  @RateLimited()
  @HttpCode(201)
  activate(@Body() dto: ActivateDto, @ReqContext() ctx: RequestContext): Promise<ActivatedDto> {
    return this.activation.activate(dto, ctx);
  }
}
