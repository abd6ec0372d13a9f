import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  CandidateQueryDto,
  CandidateRankingDto,
  OrderMatchesDto,
  ReadinessDto,
  ReadinessResultDto,
  SetWeightsDto,
  WeightsDto,
  WhyNotDto,
} from './dto/matching.dto';
import { MatchingService } from './matching.service';

const STAFF = { admin: 'all', counsellor: 'own-organisation' } as const;

/** Explainable matching for counsellors and admins (and a trainee's own fitting orders). Never employers. */
@ApiTags('matching')
@Controller('matching')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  /** The order's candidates, best first, each part of the score explained. Counsellors see their own trainees. */
  @Get('orders/:orderId/candidates')
  @Access(['admin', 'counsellor'], STAFF)
  candidates(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Query() q: CandidateQueryDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<CandidateRankingDto> {
    return this.matching.candidates(user, orderId, q, ctx);
  }

  @Get('orders/:orderId/why-not/:traineeId')
  @Access(['admin', 'counsellor'], STAFF)
  whyNot(
    @CurrentUser() user: AuthUser,
    @Param('orderId', ParseUUIDPipe) orderId: string,
    @Param('traineeId', ParseUUIDPipe) traineeId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<WhyNotDto> {
    return this.matching.whyNot(user, orderId, traineeId, ctx);
  }

  @Get('me/orders')
  @Access(['trainee'], 'self')
  myOrders(@CurrentUser() user: AuthUser, @ReqContext() ctx: RequestContext): Promise<OrderMatchesDto> {
    return this.matching.ordersFor(user, null, ctx);
  }

  @Get('trainees/:traineeId/orders')
  @Access(['admin', 'counsellor'], STAFF)
  traineeOrders(
    @CurrentUser() user: AuthUser,
    @Param('traineeId', ParseUUIDPipe) traineeId: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<OrderMatchesDto> {
    return this.matching.ordersFor(user, traineeId, ctx);
  }

  @Get('weights')
  @Access(['admin', 'counsellor'], { admin: 'all', counsellor: 'all' })
  weights(): Promise<WeightsDto> {
    return this.matching.weights();
  }

  /** A new version of the weights (the old ones stay, and rankings name the version they used). */
  @Post('weights')
  @Access(['admin'], 'all')
  setWeights(@CurrentUser() user: AuthUser, @Body() dto: SetWeightsDto, @ReqContext() ctx: RequestContext): Promise<WeightsDto> {
    return this.matching.setWeights(user, dto, ctx);
  }

  @Put('readiness/:traineeId')
  @Access(['counsellor'], 'own-organisation')
  setReadiness(
    @CurrentUser() user: AuthUser,
    @Param('traineeId', ParseUUIDPipe) traineeId: string,
    @Body() dto: ReadinessDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<ReadinessResultDto> {
    return this.matching.setReadiness(user, traineeId, dto, ctx);
  }
}
