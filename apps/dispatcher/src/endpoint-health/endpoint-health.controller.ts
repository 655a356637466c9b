import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ResourceId } from '@leadhooks/contracts';
import {
  ApiErrors,
  ApiZodParam,
  NotFoundException,
  schemaRef,
  ZodValidationPipe,
} from '@leadhooks/http';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EndpointHealthQueries } from './endpoint-health.queries';
import type { EndpointHealthView } from './endpoint-health.views';

const webhookId = new ZodValidationPipe(ResourceId);

/** `GET /v1/webhooks/{id}/health`: its own controller, so the webhooks controller stays as it is. */
@ApiTags('webhooks')
@ApiKeyAuth()
@Controller('v1/webhooks')
export class EndpointHealthController {
  constructor(private readonly queries: EndpointHealthQueries) {}

  @Get(':id/health')
  @ApiOperation({
    summary: "A webhook's endpoint health over the last hour and day",
    description:
      'Deliveries created in each window, their success rate and attempt durations (p50, p95), ' +
      'the last error of the day, and why the webhook is disabled or failing (decision 065).',
  })
  @ApiZodParam('id', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('EndpointHealth') })
  @ApiErrors([400, 401, 404, 503], { 404: 'No such webhook in this account' })
  async health(
    @CurrentPrincipal() principal: Principal,
    @Param('id', webhookId) id: string,
  ): Promise<EndpointHealthView> {
    const health = await this.queries.health(principal.accountId, id);
    if (health === undefined) throw new NotFoundException('No such webhook in this account');
    return health;
  }
}
