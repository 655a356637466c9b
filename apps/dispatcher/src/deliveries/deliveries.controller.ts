import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { DeliveryId } from '@leadhooks/contracts';
import {
  ApiErrors,
  ApiZodParam,
  ApiZodQuery,
  NotFoundException,
  schemaRef,
  ZodValidationPipe,
} from '@leadhooks/http';
import { Idempotent } from '@leadhooks/idempotency';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  BulkReplayBody,
  BulkResendBody,
  ListDeadLettersQuery,
  ListDeliveriesQuery,
} from './deliveries.schemas';
import { DeliveriesQueries, type Page } from './deliveries.queries';
import type { DeadLetterView, DeliveryDetailView, DeliveryView } from './deliveries.views';
import { ReplayService } from './replay.service';
import { ResendService } from './resend.service';

/** `:id` of a delivery or its dead letter (the same id): anything else is a 400 naming `id`. */
const deliveryId = new ZodValidationPipe(DeliveryId);

@ApiTags('deliveries')
@ApiKeyAuth()
@Controller('v1')
export class DeliveriesController {
  constructor(
    private readonly queries: DeliveriesQueries,
    private readonly replays: ReplayService,
    private readonly resends: ResendService,
  ) {}

  @Get('deliveries')
  @ApiOperation({
    summary: 'The delivery log, newest first, paged by cursor',
    description:
      'Filters combine (AND): webhook_id, status, event_type, event_id, created in [from, to).',
  })
  @ApiZodQuery(ListDeliveriesQuery)
  @ApiResponse({ status: 200, schema: schemaRef('DeliveryPage') })
  @ApiErrors([400, 401, 503])
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(ListDeliveriesQuery)) query: z.output<typeof ListDeliveriesQuery>,
  ): Promise<Page<DeliveryView>> {
    return this.queries.listDeliveries(principal.accountId, {
      webhookId: query.webhook_id,
      status: query.status,
      eventType: query.event_type,
      eventId: query.event_id,
      from: query.from,
      to: query.to,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Post('deliveries/resend')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    summary: 'Resend the finished deliveries a filter matches (up to 1000 a call, oldest first)',
    description:
      'Filters as the delivery list (AND); only delivered, dead and cancelled deliveries whose body is kept. ' +
      'Each keeps its webhook-id and gets a further attempt. Pass next_cursor back as cursor for the rest.',
  })
  @ApiBody({ schema: schemaRef('BulkResend') })
  @ApiResponse({ status: 202, schema: schemaRef('ResendResult') })
  @ApiErrors([400, 401, 409, 413, 415, 422, 503], {
    409: 'A request with this Idempotency-Key is in progress',
  })
  async resendMany(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(BulkResendBody)) body: z.output<typeof BulkResendBody>,
  ): Promise<{ resent: number; next_cursor: string | null }> {
    return this.resends.resendMany(principal.accountId, {
      webhookId: body.webhook_id,
      status: body.status,
      eventType: body.event_type,
      eventId: body.event_id,
      from: body.from,
      to: body.to,
      cursor: body.cursor,
    });
  }

  @Post('deliveries/:id/resend')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    summary: 'Resend one delivery (delivered, dead or cancelled): a new attempt, same webhook-id',
  })
  @ApiZodParam('id', DeliveryId)
  @ApiResponse({ status: 202, schema: schemaRef('ResendResult') })
  @ApiErrors([400, 401, 404, 409, 422, 503], {
    404: 'No such delivery in this account',
    409: 'Still pending or retrying, its body is no longer kept, or a request with this Idempotency-Key is in progress',
  })
  async resendOne(
    @CurrentPrincipal() principal: Principal,
    @Param('id', deliveryId) id: string,
  ): Promise<{ resent: number; next_cursor: null }> {
    await this.resends.resendOne(principal.accountId, id);
    return { resent: 1, next_cursor: null };
  }

  @Get('deliveries/:id')
  @ApiOperation({
    summary: 'One delivery (its id is the webhook-id header) with the body sent and every attempt',
  })
  @ApiZodParam('id', DeliveryId)
  @ApiResponse({ status: 200, schema: schemaRef('DeliveryDetail') })
  @ApiErrors([400, 401, 404, 503], { 404: 'No such delivery in this account' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', deliveryId) id: string,
  ): Promise<DeliveryDetailView> {
    const delivery = await this.queries.getDelivery(principal.accountId, id);
    if (delivery === undefined) throw new NotFoundException('No such delivery in this account');
    return delivery;
  }

  @Get('dead-letters')
  @ApiOperation({
    summary: 'Dead letters, newest first, paged by cursor, by webhook_id and time range [from, to)',
  })
  @ApiZodQuery(ListDeadLettersQuery)
  @ApiResponse({ status: 200, schema: schemaRef('DeadLetterPage') })
  @ApiErrors([400, 401, 503])
  async deadLetters(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(ListDeadLettersQuery))
    query: z.output<typeof ListDeadLettersQuery>,
  ): Promise<Page<DeadLetterView>> {
    return this.queries.listDeadLetters(principal.accountId, {
      webhookId: query.webhook_id,
      from: query.from,
      to: query.to,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({ summary: 'Replay one dead letter: a new attempt with the same webhook-id' })
  @ApiZodParam('id', DeliveryId)
  @ApiResponse({ status: 202, schema: schemaRef('ReplayResult') })
  @ApiErrors([400, 401, 404, 409, 422, 503], {
    404: 'No such dead letter in this account',
    409: 'Its body is no longer kept (DELIVERY_BODY_RETENTION), or a request with this Idempotency-Key is in progress',
  })
  async replayOne(
    @CurrentPrincipal() principal: Principal,
    @Param('id', deliveryId) id: string,
  ): Promise<{ replayed: number }> {
    await this.replays.replayOne(principal.accountId, id);
    return { replayed: 1 };
  }

  @Post('dead-letters/replay')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    summary:
      'Replay the dead letters not yet replayed, by webhook_id and time range (up to 1000 a call)',
  })
  @ApiBody({ schema: schemaRef('BulkReplay') })
  @ApiResponse({ status: 202, schema: schemaRef('ReplayResult') })
  @ApiErrors([400, 401, 409, 413, 415, 422, 503], {
    409: 'A request with this Idempotency-Key is in progress',
  })
  async replayMany(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(BulkReplayBody)) body: z.output<typeof BulkReplayBody>,
  ): Promise<{ replayed: number }> {
    const replayed = await this.replays.replayMany(principal.accountId, {
      webhookId: body.webhook_id,
      from: body.from,
      to: body.to,
    });
    return { replayed };
  }
}
