import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  AcceptPlacementDto,
  CandidateDto,
  CreatePlacementDto,
  EndEmploymentDto,
  FulfilmentDto,
  HireDto,
  InterviewDto,
  OfferDto,
  PlacementDto,
  PlacementNoteDto,
  RecommendDto,
  PlacementPageDto,
  PlacementQueryDto,
} from './dto/placement.dto';
import { EmployerPipelineDto } from './dto/employer-pipeline.dto';
import { EmployerPipelineService } from './employer-pipeline.service';
import { PlacementsService } from './placements.service';

/** Counsellors see their organisation's trainees' placements, trainees their own, admins all. */
const READERS = { admin: 'all', counsellor: 'own-organisation', trainee: 'self' } as const;
const TRAINEE_OR_COUNSELLOR = { counsellor: 'own-organisation', trainee: 'self' } as const;

/** Placements as counsellors, trainees and admins see them. Employers use the candidate routes below. */
@ApiTags('placements')
@Controller('placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get()
  @Access(['admin', 'counsellor', 'trainee'], READERS)
  list(@CurrentUser() user: AuthUser, @Query() q: PlacementQueryDto): Promise<PlacementPageDto> {
    return this.placements.list(user, q);
  }

  @Get(':id')
  @Access(['admin', 'counsellor', 'trainee'], READERS)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PlacementDto> {
    return this.placements.get(user, id);
  }

  /** A counsellor recommends one of their trainees (who consented to matching) for an open order. */
  @Post()
  @Access(['counsellor'], 'own-organisation')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePlacementDto, @ReqContext() ctx: RequestContext): Promise<PlacementDto> {
    return this.placements.create(user, dto, ctx);
  }

  /** A suggestion (a 订单班 trainee) becomes a recommendation the employer sees. */
  @Post(':id/recommend')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  async recommend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecommendDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlacementDto> {
    await this.placements.recommend(user, id, dto, ctx);
    return this.placements.get(user, id);
  }

  /** The trainee accepts (a counsellor may record it from a signed paper form): name and phone go to the employer. */
  @Post(':id/accept')
  @HttpCode(200)
  @Access(['trainee', 'counsellor'], TRAINEE_OR_COUNSELLOR)
  async accept(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptPlacementDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlacementDto> {
    await this.placements.accept(user, id, dto, ctx);
    return this.placements.get(user, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Access(['trainee', 'counsellor'], TRAINEE_OR_COUNSELLOR)
  async decline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PlacementNoteDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlacementDto> {
    await this.placements.decline(user, id, dto, ctx);
    return this.placements.get(user, id);
  }

  /** The trainee takes the offer (or their counsellor records it). */
  @Post(':id/hire')
  @HttpCode(200)
  @Access(['trainee', 'counsellor'], TRAINEE_OR_COUNSELLOR)
  async hire(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: HireDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlacementDto> {
    await this.placements.hire(user, id, dto, ctx);
    return this.placements.get(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  async withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PlacementNoteDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlacementDto> {
    await this.placements.withdraw(user, id, dto, ctx);
    return this.placements.get(user, id);
  }

  /** The job ended (the counsellor heard it at a visit). */
  @Post(':id/end')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  async end(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: EndEmploymentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<PlacementDto> {
    await this.placements.end(user, id, dto, ctx);
    return this.placements.get(user, id);
  }
}

/**
 * The employer's side: the candidates of its own orders, pseudonymous until each accepts. Every
 * answer here is a CandidateDto (an allow-list), never a PlacementDto.
 */
@ApiTags('placements')
@Controller('orders/:orderId')
export class OrderCandidatesController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly pipeline: EmployerPipelineService,
  ) {}

  @Get('candidates')
  @Access(['employer'], 'own-organisation')
  candidates(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto[]> {
    return this.placements.candidates(user, orderId, ctx);
  }

  @Get('candidates/:placementId')
  @Access(['employer'], 'own-organisation')
  candidate(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto> {
    return this.placements.candidate(user, orderId, placementId, ctx);
  }

  /** The employer opened the candidate: it no longer counts as new. */
  @Post('candidates/:placementId/seen')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  async seen(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto> {
    await this.pipeline.markSeen(user, orderId, placementId);
    return this.placements.candidate(user, orderId, placementId, ctx);
  }

  @Post('candidates/:placementId/interview')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  async interview(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: InterviewDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto> {
    await this.placements.assertOnOrder(user, orderId, placementId);
    await this.placements.interview(user, placementId, dto, ctx);
    return this.placements.candidate(user, orderId, placementId, ctx);
  }

  @Post('candidates/:placementId/offer')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  async offer(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: OfferDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto> {
    await this.placements.assertOnOrder(user, orderId, placementId);
    await this.placements.offer(user, placementId, dto, ctx);
    return this.placements.candidate(user, orderId, placementId, ctx);
  }

  /** The employer records the hire (first day at work). */
  @Post('candidates/:placementId/hire')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  async hire(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: HireDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto> {
    await this.placements.assertOnOrder(user, orderId, placementId);
    await this.placements.hire(user, placementId, dto, ctx);
    return this.placements.candidate(user, orderId, placementId, ctx);
  }

  @Post('candidates/:placementId/reject')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  async reject(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: PlacementNoteDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto> {
    await this.placements.assertOnOrder(user, orderId, placementId);
    await this.placements.reject(user, placementId, dto, ctx);
    return this.placements.candidate(user, orderId, placementId, ctx);
  }

  @Post('candidates/:placementId/end')
  @HttpCode(200)
  @Access(['employer'], 'own-organisation')
  async end(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() dto: EndEmploymentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateDto> {
    await this.placements.assertOnOrder(user, orderId, placementId);
    await this.placements.end(user, placementId, dto, ctx);
    return this.placements.candidate(user, orderId, placementId, ctx);
  }

  /** Headcount, recommended, interviewing, offered, hired and still employed. */
  @Get('fulfilment')
  @Access(['admin', 'counsellor', 'employer'], { admin: 'all', counsellor: 'all', employer: 'own-organisation' })
  fulfilment(@CurrentUser() user: AuthUser, @Param('orderId', ParseUUIDPipe) orderId: string): Promise<FulfilmentDto> {
    return this.placements.fulfilment(user, orderId);
  }
}

/** The employer's home: new candidates per order, today's interviews, offers awaiting an answer (counts only). */
@ApiTags('placements')
@Controller('employer-pipeline')
export class EmployerPipelineController {
  constructor(private readonly pipeline: EmployerPipelineService) {}

  @Get()
  @Access(['employer'], 'own-organisation')
  get(@CurrentUser() user: AuthUser): Promise<EmployerPipelineDto> {
    return this.pipeline.pipeline(user);
  }
}
