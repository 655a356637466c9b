import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { DeliveryId } from '@leadhooks/contracts';
import { NotFoundException, ZodValidationPipe } from '@leadhooks/http';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { BulkReplayBody, ListDeadLettersQuery, ListDeliveriesQuery } from './deliveries.schemas';
import {
  DeliveriesQueries,
  type AttemptView,
  type DeadLetterView,
  type DeliveryView,
} from './deliveries.queries';
import { ReplayService } from './replay.service';

/** `:id` of a delivery or its dead letter (the same id): anything else is a 400 naming `id`. */
const deliveryId = new ZodValidationPipe(DeliveryId);

@ApiTags('deliveries')
@ApiKeyAuth()
@Controller('v1')
export class DeliveriesController {
  constructor(
    private readonly queries: DeliveriesQueries,
    private readonly replays: ReplayService,
  ) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first, by webhook_id and/or event_id' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(ListDeliveriesQuery)) query: z.output<typeof ListDeliveriesQuery>,
  ): Promise<{ data: DeliveryView[] }> {
    const data = await this.queries.listDeliveries(principal.accountId, {
      webhookId: query.webhook_id,
      eventId: query.event_id,
      limit: query.limit,
    });
    return { data };
  }

  @Get('deliveries/:id')
  @ApiOperation({
    summary: 'One delivery (its id is the webhook-id header) with the body sent and every attempt',
  })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', deliveryId) id: string,
  ): Promise<DeliveryView & { body: string | null; attempts_log: AttemptView[] }> {
    const delivery = await this.queries.getDelivery(principal.accountId, id);
    if (delivery === undefined) throw new NotFoundException('No such delivery in this account');
    return delivery;
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Dead letters, newest first, by webhook_id and time range [from, to)' })
  async deadLetters(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(ListDeadLettersQuery))
    query: z.output<typeof ListDeadLettersQuery>,
  ): Promise<{ data: DeadLetterView[] }> {
    const data = await this.queries.listDeadLetters(principal.accountId, {
      webhookId: query.webhook_id,
      from: query.from,
      to: query.to,
      limit: query.limit,
    });
    return { data };
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay one dead letter: a new attempt with the same webhook-id' })
  async replayOne(
    @CurrentPrincipal() principal: Principal,
    @Param('id', deliveryId) id: string,
  ): Promise<{ replayed: number }> {
    await this.replays.replayOne(principal.accountId, id);
    return { replayed: 1 };
  }

  @Post('dead-letters/replay')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Replay the dead letters not yet replayed, by webhook_id and time range (up to 1000 a call)',
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
