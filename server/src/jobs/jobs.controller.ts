import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../common/auth-user';
import { Access } from '../common/decorators/access.decorator';
import { CurrentUser, ReqContext } from '../common/decorators/current-user.decorator';
import { PageQueryDto } from '../common/dto/page.dto';
import { FailedJobPageDto } from './dto/failed-job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** Background jobs that failed after their retries (deliveries, scheduled jobs), the latest first. System administrator only. */
  @Get('failed')
  @Access(['admin'], 'all')
  failed(@Query() q: PageQueryDto): Promise<FailedJobPageDto> {
    return this.jobs.failed(q);
  }

  /** Gives a failed job one more attempt. 404 when no failed job has this id. */
  @Post('failed/:id/retry')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '已重新排队 · queued again' })
  @Access(['admin'], 'all')
  retry(@CurrentUser() admin: AuthUser, @Param('id', ParseUUIDPipe) id: string, @ReqContext() ctx: RequestContext): Promise<void> {
    return this.jobs.retry(admin, id, ctx);
  }
}
