import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ResourceId } from '@leadhooks/contracts';
import { ApiErrors, ApiZodParam, schemaRef, ZodValidationPipe } from '@leadhooks/http';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { toBackfillView } from './backfill.record';
import { StartBackfillBody, type BackfillView } from './backfill.schemas';
import { BackfillService } from './backfill.service';

/** `:id` and `:backfillId`: anything but a UUID is a 400 naming it; an unknown one a 404. */
const resourceId = new ZodValidationPipe(ResourceId);
const startPipe = new ZodValidationPipe(StartBackfillBody);
const notFound = { 404: 'No such webhook, or no such backfill of it, in this account' };

@ApiTags('webhooks')
@ApiKeyAuth()
@Controller('v1/webhooks/:id')
export class BackfillController {
  constructor(private readonly backfills: BackfillService) {}

  @Post('backfill')
  @HttpCode(202)
  @ApiOperation({
    summary: "Replay the account's save_lead events of a time window to this webhook",
    description:
      'Reads leads.save_lead from `since` (to `until`, default now) and delivers the ' +
      "account's events to this webhook only, in the order they were saved, each with the " +
      'webhook-id it would have had; events it already has a delivery for are skipped. ' +
      'Follow it at /v1/webhooks/{id}/backfills/{backfillId}.',
  })
  @ApiZodParam('id', ResourceId)
  @ApiBody({ schema: schemaRef('StartBackfill') })
  @ApiResponse({ status: 202, schema: schemaRef('Backfill') })
  @ApiErrors([400, 401, 404, 409, 413, 415, 422, 503], {
    ...notFound,
    400: '`field` names the bad input: since or until (not a date-time, in the future, since not before until)',
    409: 'The webhook is disabled (`field` enabled) or does not subscribe to save_lead (`field` events)',
    422: 'since is older than the topic keeps events; the message names the earliest possible time',
  })
  async start(
    @CurrentPrincipal() principal: Principal,
    @Param('id', resourceId) id: string,
    @Body() body: unknown,
  ): Promise<BackfillView> {
    const input = startPipe.transform(body);
    return toBackfillView(await this.backfills.start(principal.accountId, id, input));
  }

  @Get('backfills/:backfillId')
  @ApiOperation({ summary: 'A backfill of this webhook and its progress' })
  @ApiZodParam('id', ResourceId)
  @ApiZodParam('backfillId', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('Backfill') })
  @ApiErrors([400, 401, 404, 503], notFound)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', resourceId) id: string,
    @Param('backfillId', resourceId) backfillId: string,
  ): Promise<BackfillView> {
    return toBackfillView(await this.backfills.get(principal.accountId, id, backfillId));
  }

  @Post('backfills/:backfillId/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a backfill',
    description:
      'Reading stops at its next batch; deliveries already handed on still go out. A finished ' +
      'backfill is answered as it is.',
  })
  @ApiZodParam('id', ResourceId)
  @ApiZodParam('backfillId', ResourceId)
  @ApiResponse({ status: 200, schema: schemaRef('Backfill') })
  @ApiErrors([400, 401, 404, 503], notFound)
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', resourceId) id: string,
    @Param('backfillId', resourceId) backfillId: string,
  ): Promise<BackfillView> {
    return toBackfillView(await this.backfills.cancel(principal.accountId, id, backfillId));
  }
}
