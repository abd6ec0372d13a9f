import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags, IntersectionType } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import {
  AbstinenceReportDto,
  FairFunnelReportDto,
  FunnelQueryDto,
  MottoReportDto,
  OrderFunnelReportDto,
  OutcomeQueryDto,
} from './dto/report.dto';
import { ReportsService } from './reports.service';

/** Admins: the whole province. Counsellors: the trainees their organisation held or holds. */
const SCOPE = { admin: 'all', counsellor: 'own-organisation' } as const;

export class ReportWorkbookQueryDto extends IntersectionType(OutcomeQueryDto, FunnelQueryDto) {}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** A skill, a diploma, a job: the three rates per facility, station, release cohort or division. */
  @Get('motto')
  @Access(['admin', 'counsellor'], SCOPE)
  motto(@CurrentUser() user: AuthUser, @Query() q: OutcomeQueryDto, @ReqContext() ctx: RequestContext): Promise<MottoReportDto> {
    return this.reports.motto(user, q, ctx);
  }

  /** Abstinence 1, 2, 3 years after release, always with the share of the cohort reached. */
  @Get('abstinence')
  @Access(['admin', 'counsellor'], SCOPE)
  abstinence(@CurrentUser() user: AuthUser, @Query() q: OutcomeQueryDto, @ReqContext() ctx: RequestContext): Promise<AbstinenceReportDto> {
    return this.reports.abstinence(user, q, ctx);
  }

  @Get('order-funnel')
  @Access(['admin', 'counsellor'], SCOPE)
  orderFunnel(@CurrentUser() user: AuthUser, @Query() q: FunnelQueryDto, @ReqContext() ctx: RequestContext): Promise<OrderFunnelReportDto> {
    return this.reports.orderFunnel(user, q, ctx);
  }

  @Get('fair-funnel')
  @Access(['admin', 'counsellor'], SCOPE)
  fairFunnel(@CurrentUser() user: AuthUser, @Query() q: FunnelQueryDto, @ReqContext() ctx: RequestContext): Promise<FairFunnelReportDto> {
    return this.reports.fairFunnel(user, q, ctx);
  }

  @Get('outcomes.xlsx')
  @Access(['admin', 'counsellor'], SCOPE)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async workbook(
    @CurrentUser() user: AuthUser,
    @Query() q: ReportWorkbookQueryDto,
    @ReqContext() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.reports.workbook(user, q, ctx);
    void reply.header('content-disposition', 'attachment; filename="outcomes.xlsx"');
    return new StreamableFile(file, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }
}
