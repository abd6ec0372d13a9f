import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  AssignVisitDto,
  FollowUpDetailDto,
  FollowUpPageDto,
  FollowUpQueryDto,
  FollowUpVisitDto,
  RecordVisitDto,
  SetVisitAppointmentDto,
} from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';

/** Station counsellors: their station's visits. Admins: every visit, never abstinence. */
const SCOPE = { admin: 'all', counsellor: 'own-organisation' } as const;

@ApiTags('follow-ups')
@ApiExtraModels(FollowUpDetailDto, FollowUpVisitDto)
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  /** `view=due` (default): today's and overdue visits, the field worker's list. */
  @Get()
  @Access(['admin', 'counsellor'], SCOPE)
  list(@CurrentUser() user: AuthUser, @Query() q: FollowUpQueryDto, @ReqContext() ctx: RequestContext): Promise<FollowUpPageDto> {
    return this.followUps.list(user, q, ctx);
  }

  /** The station's counsellors get the abstinence record too (audited); admins never. */
  @Get(':id')
  @Access(['admin', 'counsellor'], SCOPE)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(FollowUpDetailDto) }, { $ref: getSchemaPath(FollowUpVisitDto) }] } })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<FollowUpDetailDto | FollowUpVisitDto> {
    return this.followUps.get(user, id, ctx);
  }

  @Post(':id/record')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecordVisitDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<FollowUpDetailDto> {
    return this.followUps.record(user, id, dto, ctx);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignVisitDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<FollowUpVisitDto> {
    return this.followUps.assign(user, id, dto, ctx);
  }

  /** A time booked with the person for a planned visit; the person is reminded of it (in neutral words). */
  @Put(':id/appointment')
  @Access(['counsellor'], 'own-organisation')
  setAppointment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetVisitAppointmentDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<FollowUpVisitDto> {
    return this.followUps.setAppointment(user, id, dto, ctx);
  }

  @Delete(':id/appointment')
  @Access(['counsellor'], 'own-organisation')
  clearAppointment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<FollowUpVisitDto> {
    return this.followUps.clearAppointment(user, id, ctx);
  }
}
