import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { ChecklistService } from './checklist.service';
import { ChecklistItemDto } from './dto/checklist.dto';
import { CorrectionRequestDto, CreateCorrectionRequestDto, MyDataDto, ResolveCorrectionRequestDto } from './dto/portal.dto';
import { TraineePortalService } from './trainee-portal.service';

/** A trainee's own portal, and the counsellor's side of correction requests. */
@ApiTags('trainees')
@Controller('trainees')
export class TraineePortalController {
  constructor(
    private readonly portal: TraineePortalService,
    private readonly checklist: ChecklistService,
  ) {}

  /** My pre-release checklist. */
  @Get('me/checklist')
  @Access(['trainee'], 'self')
  myChecklist(@CurrentUser() user: AuthUser): Promise<ChecklistItemDto[]> {
    return this.checklist.forSelf(user);
  }

  /** Download everything the platform holds about me (PIPL Art. 45). */
  @Get('me/data')
  @Access(['trainee'], 'self')
  myData(@CurrentUser() user: AuthUser, @ReqContext() ctx: RequestContext): Promise<MyDataDto> {
    return this.portal.myData(user, ctx);
  }

  @Get('me/correction-requests')
  @Access(['trainee'], 'self')
  myCorrections(@CurrentUser() user: AuthUser): Promise<CorrectionRequestDto[]> {
    return this.portal.myCorrections(user);
  }

  /** Ask for my data to be corrected (PIPL Art. 46). */
  @Post('me/correction-requests')
  @Access(['trainee'], 'self')
  requestCorrection(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateCorrectionRequestDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CorrectionRequestDto> {
    return this.portal.requestCorrection(user, null, dto, ctx);
  }

  @Get(':id/correction-requests')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  corrections(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<CorrectionRequestDto[]> {
    return this.portal.listCorrections(user, id);
  }

  /** Assisted mode: a counsellor records a correction request for a trainee without a device. */
  @Post(':id/correction-requests')
  @Access(['counsellor'], 'own-organisation')
  requestForTrainee(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateCorrectionRequestDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CorrectionRequestDto> {
    return this.portal.requestCorrection(user, id, dto, ctx);
  }

  /** Answer a correction request (the trainee sees the note). */
  @Post('correction-requests/:requestId/resolution')
  @Access(['counsellor'], 'own-organisation')
  resolve(
    @CurrentUser() user: AuthUser,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() dto: ResolveCorrectionRequestDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CorrectionRequestDto> {
    return this.portal.resolveCorrection(user, requestId, dto, ctx);
  }
}
