import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/decorators/access.decorator';
import { HealthDto, LivenessDto, HealthReadinessDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthService) {}

  /** For load balancers: 200 when the database answers, 503 when it does not. */
  @Get()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    if (await this.checks.databaseAnswers()) return { status: 'ok' };
    void reply.status(503);
    return { status: 'unavailable' };
  }

  /**
   * Liveness: 200 whenever the process can answer at all. It asks nothing of the database, so an
   * orchestrator does not restart every process because the database is down.
   */
  @Get('live')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /** Readiness: 200 when the database answers within 2 s and no migration is pending, else 503 with the failed check. */
  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: HealthReadinessDto })
  @ApiServiceUnavailableResponse({ type: HealthReadinessDto })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReadinessDto> {
    const readiness = await this.checks.readiness();
    if (readiness.status !== 'ok') void reply.status(503);
    return readiness;
  }
}
