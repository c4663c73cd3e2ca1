import { Controller, Get, Inject, Res } from '@nestjs/common';
import { HealthRegistry, ServiceMetrics } from '@settle/observability';
import type { Response } from 'express';
import { SERVICE_NAME } from './tokens';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** Liveness and readiness in one answer: 200 when PostgreSQL and Kafka answer, 503 when not. */
  @Get()
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503).json({ service: this.service, live: true, ...report });
  }

  /** Liveness only: the process is up and serving. */
  @Get('live')
  live(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.service };
  }
}

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    res.type(contentType).send(body);
  }
}
