import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access, Public } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { ConsentsService } from './consents.service';
import { AssistedGrantConsentDto, ConsentDto, ConsentTextDto, GrantConsentDto, WithdrawConsentDto } from './dto/consent.dto';

@ApiTags('consents')
@Controller()
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  /** The current text of each consent purpose, in Chinese and English (public: nothing personal). */
  @Get('consent-texts')
  @Public()
  texts(): Promise<ConsentTextDto[]> {
    return this.consents.texts();
  }

  /** My consents, live and withdrawn. */
  @Get('trainees/me/consents')
  @Access(['trainee'], 'self')
  mine(@CurrentUser() user: AuthUser): Promise<ConsentDto[]> {
    return this.consents.mine(user);
  }

  @Post('trainees/me/consents')
  @Access(['trainee'], 'self')
  grantMine(@CurrentUser() user: AuthUser, @Body() dto: GrantConsentDto, @ReqContext() ctx: RequestContext): Promise<ConsentDto[]> {
    return this.consents.grant(user, null, dto, ctx);
  }

  /** Withdraw: takes effect at once everywhere. */
  @Post('trainees/me/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Access(['trainee'], 'self')
  withdrawMine(
    @CurrentUser() user: AuthUser,
    @Param('consentId', ParseUUIDPipe) consentId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<ConsentDto[]> {
    return this.consents.withdraw(user, null, consentId, ctx);
  }

  @Get('trainees/:id/consents')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  forTrainee(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ConsentDto[]> {
    return this.consents.forTrainee(user, id);
  }

  /** Assisted mode: record a consent the trainee signed on paper. */
  @Post('trainees/:id/consents')
  @Access(['counsellor'], 'own-organisation')
  grantAssisted(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssistedGrantConsentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ConsentDto[]> {
    return this.consents.grant(user, id, dto, ctx);
  }

  /** Assisted mode: record a withdrawal the trainee asked for. */
  @Post('trainees/:id/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  withdrawAssisted(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('consentId', ParseUUIDPipe) consentId: string,
    @Body() _dto: WithdrawConsentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ConsentDto[]> {
    return this.consents.withdraw(user, id, consentId, ctx);
  }
}
