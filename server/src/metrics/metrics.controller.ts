import { Controller, Get, Headers, Inject, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/decorators/access.decorator';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { metricsAccessAllowed } from './metrics-access';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Prometheus metrics (text format 0.0.4). Outside the users' sign-in: open to the addresses in
   * METRICS_ALLOW, or to `Authorization: Bearer <METRICS_TOKEN>`. Anyone else gets the 404 of an
   * unknown address: a probe learns nothing from the answer.
   */
  @Get()
  @Public()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'not an allowed address and no valid metrics token' })
  async scrape(
    @Req() req: FastifyRequest,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!metricsAccessAllowed(req.raw.socket.remoteAddress, authorization, this.config)) {
      throw new DomainError(404, 'NOT_FOUND.ADDRESS');
    }
    void reply.header('content-type', this.metrics.contentType);
    return this.metrics.render();
  }
}
