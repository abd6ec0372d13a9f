import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../common/domain-error';
import { ImportQueryDto, ImportReportDto } from './dto/import.dto';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  CaseloadSummaryDto,
  CreateTraineeDto,
  MyTraineeStatusDto,
  RevealedIdentityDto,
  RevealIdentityDto,
  StateChangeDto,
  TraineeDto,
  TraineePageDto,
  TraineeQueryDto,
  TransitionDto,
  UpdateTraineeDto,
} from './dto/trainee.dto';
import { EpisodeDto, ReadmitTraineeDto } from './dto/episode.dto';
import { TraineeExcelService } from './trainee-excel.service';
import { TraineesService } from './trainees.service';
import { EpisodesService } from './episodes.service';

const COUNSELLOR_SCOPE = { admin: 'all', counsellor: 'own-organisation' } as const;

@ApiTags('trainees')
@Controller('trainees')
export class TraineesController {
  constructor(
    private readonly trainees: TraineesService,
    private readonly excel: TraineeExcelService,
    private readonly episodeRecords: EpisodesService,
  ) {}

  /** Counts per lifecycle state for the counsellor's organisation (admins: everyone). */
  @Get('caseload-summary')
  @Access(['admin', 'counsellor'], COUNSELLOR_SCOPE)
  caseloadSummary(@CurrentUser() user: AuthUser): Promise<CaseloadSummaryDto> {
    return this.trainees.caseloadSummary(user);
  }

  /** A trainee's own status and next date. */
  @Get('me')
  @Access(['trainee'], 'self')
  me(@CurrentUser() user: AuthUser, @ReqContext() ctx: RequestContext): Promise<MyTraineeStatusDto> {
    return this.trainees.myStatus(user, ctx);
  }

  /** The caseload: filters, search by name or full identity number, sort, paging. */
  @Get()
  @Access(['admin', 'counsellor'], COUNSELLOR_SCOPE)
  list(@CurrentUser() user: AuthUser, @Query() q: TraineeQueryDto, @ReqContext() ctx: RequestContext): Promise<TraineePageDto> {
    return this.trainees.list(user, q, ctx);
  }

  /** The caseload as an Excel file (same filters, identity numbers masked). */
  @Get('export')
  @Access(['admin', 'counsellor'], COUNSELLOR_SCOPE)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(
    @CurrentUser() user: AuthUser,
    @Query() q: TraineeQueryDto,
    @ReqContext() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.excel.export(user, q, ctx);
    void reply.header('content-disposition', `attachment; filename="trainees-${new Date().toISOString().slice(0, 10)}.xlsx"`);
    return new StreamableFile(file, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }

  /** The roster template for the Excel import. */
  @Get('import/template')
  @Access(['counsellor'], 'own-organisation')
  @Header('content-disposition', 'attachment; filename="trainee-roster-template.xlsx"')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await this.excel.template(), { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }

  /**
   * Import a facility roster (.xlsx from the template). `dryRun=true` (the default) only checks and
   * reports every bad row; `dryRun=false` writes all rows or, if any row is bad, none.
   */
  @Post('import')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  async import(
    @CurrentUser() user: AuthUser,
    @Query() q: ImportQueryDto,
    @Req() req: FastifyRequest,
    @ReqContext() ctx: RequestContext,
  ): Promise<ImportReportDto> {
    const file = req.isMultipart() ? await req.file() : undefined;
    if (!file) throw badRequest('FILE_REQUIRED');
    let buffer: Buffer;
    try {
      buffer = await file.toBuffer();
    } catch {
      throw badRequest('FILE_TOO_LARGE');
    }
    return this.excel.import(user, buffer, q.dryRun === false, ctx);
  }

  /** Create a trainee's file (facility counsellors). */
  @Post()
  @Access(['counsellor'], 'own-organisation')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTraineeDto, @ReqContext() ctx: RequestContext): Promise<TraineeDto> {
    return this.trainees.create(user, dto, ctx);
  }

  /** 再次入所: a person already on record is admitted again (facility counsellors; a new episode). */
  @Post('readmissions')
  @Access(['counsellor'], 'own-organisation')
  readmit(@CurrentUser() user: AuthUser, @Body() dto: ReadmitTraineeDto, @ReqContext() ctx: RequestContext): Promise<TraineeDto> {
    return this.episodeRecords.readmit(user, dto, ctx);
  }

  /** A trainee's file (every read is audited). */
  @Get(':id')
  @Access(['admin', 'counsellor'], COUNSELLOR_SCOPE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<TraineeDto> {
    return this.trainees.get(user, id, ctx);
  }

  @Patch(':id')
  @Access(['counsellor'], 'own-organisation')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateTraineeDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<TraineeDto> {
    return this.trainees.update(user, id, dto, ctx);
  }

  /** Reveal the full identity number (needs the `identity.unmask` permission; audited). */
  @Post(':id/identity-number')
  @HttpCode(200)
  @Access(['admin', 'counsellor'], COUNSELLOR_SCOPE)
  reveal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevealIdentityDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<RevealedIdentityDto> {
    return this.trainees.revealIdentity(user, id, dto.reason, ctx);
  }

  /** Move the trainee along the lifecycle (legal manual moves only). */
  @Post(':id/transitions')
  @HttpCode(200)
  @Access(['counsellor'], 'own-organisation')
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransitionDto,
    @ReqContext() ctx: RequestContext,
  ): Promise<TraineeDto> {
    return this.trainees.transition(user, id, dto, ctx);
  }

  /** Every admission of the person, oldest first. */
  @Get(':id/episodes')
  @Access(['admin', 'counsellor'], COUNSELLOR_SCOPE)
  episodes(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<EpisodeDto[]> {
    return this.episodeRecords.episodes(user, id);
  }

  /** Every lifecycle step: who, when, why. */
  @Get(':id/history')
  @Access(['admin', 'counsellor'], COUNSELLOR_SCOPE)
  history(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<StateChangeDto[]> {
    return this.trainees.history(user, id);
  }
}
