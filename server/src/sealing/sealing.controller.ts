import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  DecideUnsealDto,
  RequestUnsealDto,
  SealingSummaryDto,
  UnsealRequestDto,
  UnsealRequestPageDto,
  UnsealRequestQueryDto,
} from './dto/sealing.dto';
import { SealingService } from './sealing.service';

/** 封存: the bureau's administrators see counts, ask to unseal with a legal basis, and decide others' requests. */
@ApiTags('sealing')
@Controller('sealed-records')
export class SealingController {
  constructor(private readonly sealing: SealingService) {}

  /** How many records are sealed or erased and the retention schedule (counts only). */
  @Get('summary')
  @Access(['admin'], { admin: 'all' })
  summary(): Promise<SealingSummaryDto> {
    return this.sealing.summary();
  }

  /** Requests to unseal, a page at a time: open ones first, then the newest. */
  @Get('unseal-requests')
  @Access(['admin'], { admin: 'all' })
  requests(@CurrentUser() user: AuthUser, @Query() q: UnsealRequestQueryDto): Promise<UnsealRequestPageDto> {
    return this.sealing.requests(user, q);
  }

  /** Ask to unseal a record (by the person's identity number, with a legal basis); another administrator decides. */
  @Post('unseal-requests')
  @Access(['admin'], { admin: 'all' })
  request(@CurrentUser() user: AuthUser, @Body() dto: RequestUnsealDto, @ReqContext() ctx: RequestContext): Promise<UnsealRequestDto> {
    return this.sealing.requestUnseal(user, dto, ctx);
  }

  /** Approve or reject someone else's request. */
  @Post('unseal-requests/:id/decision')
  @HttpCode(200)
  @Access(['admin'], { admin: 'all' })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideUnsealDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<UnsealRequestDto> {
    return this.sealing.decide(user, id, dto.decision, ctx);
  }
}
