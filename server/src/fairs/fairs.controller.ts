import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  AnswerIntentDto,
  ApplyBoothDto,
  BookSlotDto,
  BoothDecisionDto,
  BoothDto,
  CheckInDto,
  CheckInResultDto,
  CreateFairDto,
  CreateIntentDto,
  CreateSlotsDto,
  FairCandidateDto,
  FairDto,
  FairQueryDto,
  FairReportDto,
  IntentDto,
  InviteDto,
  RegisterTraineesDto,
  RegistrationDto,
  SlotDto,
  UpdateFairDto,
  WalkInDto,
} from './dto/fair.dto';
import { BoothsService } from './booths.service';
import { FairRegistrationsService } from './fair-registrations.service';
import { FairsService } from './fairs.service';
import { InterviewsService } from './interviews.service';

/** Everyone who takes part in fairs: admins see all, the others published and past ones. */
const PARTICIPANTS = ['admin', 'counsellor', 'employer', 'trainee'] as const;
const PARTICIPANT_SCOPE = { admin: 'all', counsellor: 'own-organisation', employer: 'own-organisation', trainee: 'self' } as const;
const TRAINEE_SIDE = { counsellor: 'own-organisation', trainee: 'self' } as const;

@ApiTags('fairs')
@Controller()
export class FairsController {
  constructor(
    private readonly fairs: FairsService,
    private readonly boothsService: BoothsService,
    private readonly registrationsService: FairRegistrationsService,
    private readonly interviewsService: InterviewsService,
  ) {}

  @Get('fairs')
  @Access(PARTICIPANTS, PARTICIPANT_SCOPE)
  list(@CurrentUser() user: AuthUser, @Query() q: FairQueryDto): Promise<FairDto[]> {
    return this.fairs.list(user, q);
  }

  @Get('fairs/:id')
  @Access(PARTICIPANTS, PARTICIPANT_SCOPE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<FairDto> {
    return this.fairs.get(user, id);
  }

  @Post('fairs')
  @Access(['admin'], 'all')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateFairDto, @ReqContext() ctx: RequestContext): Promise<FairDto> {
    return this.fairs.create(user, dto, ctx);
  }

  @Patch('fairs/:id')
  @Access(['admin'], 'all')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateFairDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<FairDto> {
    return this.fairs.update(user, id, dto, ctx);
  }

  @Post('fairs/:id/publish')
  @HttpCode(200)
  @Access(['admin'], 'all')
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<FairDto> {
    return this.fairs.publish(user, id, ctx);
  }

  @Post('fairs/:id/close')
  @HttpCode(200)
  @Access(['admin'], 'all')
  close(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<FairDto> {
    return this.fairs.close(user, id, ctx);
  }

  /** Admins: every booth; employers: their own; others: the approved ones. */
  @Get('fairs/:id/booths')
  @Access(PARTICIPANTS, PARTICIPANT_SCOPE)
  booths(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<BoothDto[]> {
    return this.boothsService.list(user, id);
  }

  /** An employer applies for a booth with the open orders it brings. */
  @Post('fairs/:id/booths')
  @Access(['employer'], 'own-organisation')
  applyBooth(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApplyBoothDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<BoothDto> {
    return this.boothsService.apply(user, id, dto, ctx);
  }

  @Post('fair-booths/:id/decision')
  @HttpCode(200)
  @Access(['admin'], 'all')
  decideBooth(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: BoothDecisionDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<BoothDto> {
    return this.boothsService.decide(user, id, dto, ctx);
  }

  @Get('fair-booths/:id/slots')
  @Access(PARTICIPANTS, PARTICIPANT_SCOPE)
  slots(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SlotDto[]> {
    return this.boothsService.slots(user, id);
  }

  /** Back-to-back interview slots within the fair's hours. */
  @Post('fair-booths/:id/slots')
  @Access(['employer'], 'own-organisation')
  createSlots(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateSlotsDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<SlotDto[]> {
    return this.boothsService.createSlots(user, id, dto, ctx);
  }

  @Post('fair-slots/:id/invitation')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  invite(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InviteDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<SlotDto> {
    return this.interviewsService.invite(user, id, dto.registrationId, ctx);
  }

  /** Takes a free slot, or accepts an invitation to it. */
  @Post('fair-slots/:id/booking')
  @HttpCode(200)
  @Access(['trainee', 'counsellor'], TRAINEE_SIDE)
  book(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: BookSlotDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<SlotDto> {
    return this.interviewsService.book(user, id, dto, ctx);
  }

  /** Declines an invitation, or gives a booked slot back. */
  @Post('fair-slots/:id/release')
  @HttpCode(200)
  @Access(['trainee', 'counsellor'], TRAINEE_SIDE)
  release(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: BookSlotDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<SlotDto> {
    return this.interviewsService.release(user, id, dto, ctx);
  }

  /** Admins: all; counsellors: their trainees; trainees: their own, with the desk code. */
  @Get('fairs/:id/registrations')
  @Access(['admin', 'counsellor', 'trainee'], { admin: 'all', counsellor: 'own-organisation', trainee: 'self' })
  registrations(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RegistrationDto[]> {
    return this.registrationsService.list(user, id);
  }

  /** Counsellors register their trainees (all or none); released trainees register themselves. */
  @Post('fairs/:id/registrations')
  @Access(['counsellor', 'trainee'], TRAINEE_SIDE)
  register(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RegisterTraineesDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<RegistrationDto[]> {
    return this.registrationsService.register(user, id, dto.traineeIds, ctx);
  }

  /** Registered candidates as codes and skills, for employers with an approved booth. */
  @Get('fairs/:id/candidates')
  @Access(['employer'], 'own-organisation')
  candidates(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<FairCandidateDto[]> {
    return this.registrationsService.candidates(user, id, ctx);
  }

  /** The desk on the day (admins, or counsellors of the venue): type or scan the code. */
  @Post('fairs/:id/check-ins')
  @HttpCode(200)
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  checkIn(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CheckInDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CheckInResultDto> {
    return this.registrationsService.checkIn(user, id, dto.code, ctx);
  }

  @Post('fairs/:id/walk-ins')
  @HttpCode(200)
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'own-organisation' })
  walkIn(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WalkInDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CheckInResultDto> {
    return this.registrationsService.walkIn(user, id, dto.traineeId, ctx);
  }

  @Get('fairs/:id/intents')
  @Access(PARTICIPANTS, PARTICIPANT_SCOPE)
  intents(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<IntentDto[]> {
    return this.interviewsService.intents(user, id);
  }

  /** 意向书: the employer proposes one of its booth's orders to a candidate. */
  @Post('fairs/:id/intents')
  @Access(['employer'], 'own-organisation')
  createIntent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateIntentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<IntentDto> {
    return this.interviewsService.createIntent(user, id, dto, ctx);
  }

  @Post('fair-intents/:id/answer')
  @HttpCode(200)
  @Access(['trainee', 'counsellor'], TRAINEE_SIDE)
  answerIntent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AnswerIntentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<IntentDto> {
    return this.interviewsService.answerIntent(user, id, dto, ctx);
  }

  @Get('fairs/:id/report')
  @Access(['admin'], 'all')
  report(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<FairReportDto> {
    return this.fairs.report(user, id);
  }

  @Get('fairs/:id/report.xlsx')
  @Access(['admin'], 'all')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async reportWorkbook(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.fairs.reportWorkbook(user, id);
    void reply.header('content-disposition', `attachment; filename="fair-report-${id.slice(0, 8)}.xlsx"`);
    return new StreamableFile(file, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
}
