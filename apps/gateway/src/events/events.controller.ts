import { asyncApiDocument, eventTypeList, subscribableEvents } from '@leadhooks/contracts';
import type { EventTypeList } from '@leadhooks/contracts';
import { schemaRef } from '@leadhooks/http';
import { Controller, Get } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

// Both are pure functions of libs/contracts: built once, at load.
const eventTypes = eventTypeList(subscribableEvents);
const asyncApi = asyncApiDocument();

/**
 * The event catalogue, public like the OpenAPI document: it is the same for every account
 * and tells what a receiver gets, so a receiving team can read it without an API key
 * (decision 072).
 */
@ApiTags('events')
@Controller()
export class EventsController {
  @Get('v1/event-types')
  @ApiOperation({
    summary: 'The event types webhooks carry, each with a JSON Schema of its request body',
    description:
      'Public (no API key): the same for every account. `subscribable` types can be listed in a webhook’s `events`; ' +
      'the others go to a lookup’s webhook_url or to the operational webhook.',
  })
  @ApiResponse({ status: 200, description: 'Every event type', schema: schemaRef('EventTypeList') })
  eventTypes(): EventTypeList {
    return eventTypes;
  }

  /** The AsyncAPI 3.0 document of every Kafka topic, for teams consuming our events. */
  @Get('asyncapi.json')
  @ApiExcludeEndpoint()
  asyncApi(): Record<string, unknown> {
    return asyncApi;
  }
}
