import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  StationOptionDto,
  CreateStationTransferDto,
  FoundDto,
  LostContactDto,
  LostContactPageDto,
  LostContactQueryDto,
  RejectStationTransferDto,
  StationTransferDto,
  StationTransferPageDto,
  StationTransferQueryDto,
} from './dto/supervision.dto';
import { SupervisionService } from './supervision.service';

/** Station counsellors: their station's transfers and cases. Admins: every one, read only. */
const SCOPE = { admin: 'all', counsellor: 'own-organisation' } as const;

/** 转移监管: moving a released person from one community station to another. */
@ApiTags('supervision')
@Controller('transfers')
export class TransfersController {
  constructor(private readonly supervision: SupervisionService) {}

  /** The other active community stations, to choose where to transfer someone. */
  @Get('stations')
  @Access(['counsellor'], 'own-organisation')
  stations(@CurrentUser() user: AuthUser): Promise<StationOptionDto[]> {
    return this.supervision.stationOptions(user);
  }

  /** Incoming and outgoing transfers of my station (admins: all); open ones first. */
  @Get()
  @Access(['admin', 'counsellor'], SCOPE)
  list(
    @CurrentUser() user: AuthUser,
    @Query() q: StationTransferQueryDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<StationTransferPageDto> {
    return this.supervision.listTransfers(user, q, ctx);
  }

  @Get(':id')
  @Access(['admin', 'counsellor'], SCOPE)
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<StationTransferDto> {
    return this.supervision.getTransfer(user, id, ctx);
  }

  /** The station supervising a released person asks another community station to take them over. */
  @Post()
  @Access(['counsellor'], 'own-organisation')
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateStationTransferDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<StationTransferDto> {
    return this.supervision.requestTransfer(user, dto, ctx);
  }

  /** The receiving station takes the person (and their planned visits) over. */
  @Post(':id/accept')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<StationTransferDto> {
    return this.supervision.acceptTransfer(user, id, ctx);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  reject(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RejectStationTransferDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<StationTransferDto> {
    return this.supervision.rejectTransfer(user, id, dto.reason, ctx);
  }

  /** The sending station withdraws its request while it is open. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @ReqContext() ctx: RequestContext,
  ): Promise<StationTransferDto> {
    return this.supervision.cancelTransfer(user, id, ctx);
  }
}

/** 失联: people the station could not reach on several visits in a row. */
@ApiTags('supervision')
@Controller('lost-contacts')
export class LostContactsController {
  constructor(private readonly supervision: SupervisionService) {}

  /** My station's open cases (admins: every station's), longest lost first. */
  @Get()
  @Access(['admin', 'counsellor'], SCOPE)
  list(@CurrentUser() user: AuthUser, @Query() q: LostContactQueryDto, @ReqContext() ctx: RequestContext): Promise<LostContactPageDto> {
    return this.supervision.listLostContacts(user, q, ctx);
  }

  /** The person was reached again: the case closes. */
  @Post(':id/found')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  found(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FoundDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<LostContactDto> {
    return this.supervision.markFound(user, id, dto, ctx);
  }
}
