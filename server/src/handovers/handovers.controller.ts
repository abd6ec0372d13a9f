import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  CompleteHandoverDto,
  CreateHandoverDto,
  HandoverDto,
  HandoverPageDto,
  HandoverQueryDto,
  RejectHandoverDto,
  StationSuggestionDto,
} from './dto/handover.dto';
import { HandoversService } from './handovers.service';

const SCOPE = { admin: 'all', counsellor: 'own-organisation' } as const;

@ApiTags('handovers')
@Controller('handovers')
export class HandoversController {
  constructor(private readonly handovers: HandoversService) {}

  /** Outgoing and incoming handovers of my organisation (admins: all); overdue first. */
  @Get()
  @Access(['admin', 'counsellor'], SCOPE)
  list(@CurrentUser() user: AuthUser, @Query() q: HandoverQueryDto): Promise<HandoverPageDto> {
    return this.handovers.list(user, q);
  }

  /** The station suggested for a trainee: the one of their home division. */
  @Get('suggested-station/:traineeId')
  @Access(['counsellor'], 'own-organisation')
  suggest(@CurrentUser() user: AuthUser, @Param('traineeId', ParseUUIDPipe) traineeId: string): Promise<StationSuggestionDto> {
    return this.handovers.suggestStation(user, traineeId);
  }

  @Get(':id')
  @Access(['admin', 'counsellor'], SCOPE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<HandoverDto> {
    return this.handovers.get(user, id);
  }

  /** The releasing facility prepares a handover. */
  @Post()
  @Access(['counsellor'], 'own-organisation')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateHandoverDto, @ReqContext() ctx: RequestContext): Promise<HandoverDto> {
    return this.handovers.create(user, dto, ctx);
  }

  @Post(':id/send')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  send(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<HandoverDto> {
    return this.handovers.send(user, id, ctx);
  }

  /** The receiving station confirms it will receive. */
  @Post(':id/accept')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<HandoverDto> {
    return this.handovers.accept(user, id, ctx);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectHandoverDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<HandoverDto> {
    return this.handovers.reject(user, id, dto.reason, ctx);
  }

  /** 必接必送: the station records escort, receiving officer, documents, date and place; the trainee is released to it. */
  @Post(':id/complete')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CompleteHandoverDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<HandoverDto> {
    return this.handovers.complete(user, id, dto, ctx);
  }
}
