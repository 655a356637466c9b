import { ApiKeyAuth, CurrentPrincipal, type Principal } from '@leadhooks/auth';
import { ResourceId } from '@leadhooks/contracts';
import { RequestId, schemaRef, ZodValidationPipe } from '@leadhooks/http';
import { Idempotent } from '@leadhooks/idempotency';
import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { toLeadResource } from './lead.mapper';
import {
  CreateLeadBody,
  ListLeadsQuery,
  UpdateLeadBody,
  type CreateLeadInput,
  type LeadPageView,
  type LeadView,
  type ListLeadsParams,
  type UpdateLeadInput,
} from './lead.schemas';
import { LeadsQueries } from './leads.queries';
import { LeadsService } from './leads.service';

const errors = (...statuses: number[]) =>
  statuses.map((status) =>
    ApiResponse({ status, description: errorDescriptions[status], schema: schemaRef('Error') }),
  );
const errorDescriptions: Record<number, string> = {
  400: 'Invalid input; `field` names it (the path parameter `id` included)',
  401: 'Missing or invalid API key',
  404: 'No such lead in this account',
  409: 'Another lead of this account has this email (`existingId` is its id), or a request with this Idempotency-Key is in progress',
  422: 'The Idempotency-Key was already used with a different request',
  413: 'Body larger than the limit',
  415: 'Body is not JSON',
  503: 'The database is unavailable; retry after Retry-After seconds',
};

/** `:id`: anything but a UUID is a 400 naming `id`; an unknown UUID is a 404. */
const leadId = new ZodValidationPipe(ResourceId);

@ApiTags('leads')
@ApiKeyAuth()
@Controller('v1/leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly queries: LeadsQueries,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a lead', description: 'Publishes save_lead.' })
  @ApiBody({ schema: schemaRef('CreateLead') })
  @ApiResponse({ status: 201, schema: schemaRef('Lead') })
  @applyDecorators(...errors(400, 401, 409, 413, 415, 422, 503))
  async create(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string | undefined,
    @Body(new ZodValidationPipe(CreateLeadBody)) body: CreateLeadInput,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadView> {
    const lead = await this.leads.create({ accountId: principal.accountId, requestId }, body);
    response.location(`/v1/leads/${lead.id}`);
    return toLeadResource(lead);
  }

  @Get()
  @ApiOperation({ summary: 'List leads, newest first' })
  @ApiQuery({ name: 'email', required: false, schema: { type: 'string', format: 'email' } })
  @ApiQuery({ name: 'domain', required: false, schema: { type: 'string', example: 'example.com' } })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string' } })
  @ApiResponse({ status: 200, schema: schemaRef('LeadPage') })
  @applyDecorators(...errors(400, 401, 503))
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(ListLeadsQuery)) query: ListLeadsParams,
  ): Promise<LeadPageView> {
    const page = await this.queries.list(principal.accountId, query);
    return { data: page.leads.map(toLeadResource), next_cursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a lead' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: schemaRef('Lead') })
  @applyDecorators(...errors(400, 401, 404, 503))
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', leadId) id: string,
  ): Promise<LeadView> {
    return toLeadResource(await this.leads.get(principal.accountId, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of a lead',
    description:
      'Publishes save_lead with the next version, unless nothing changed: then 200 with the lead as it is.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: schemaRef('UpdateLead') })
  @ApiResponse({ status: 200, schema: schemaRef('Lead') })
  @applyDecorators(...errors(400, 401, 404, 409, 413, 415, 503))
  async update(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string | undefined,
    @Param('id', leadId) id: string,
    @Body(new ZodValidationPipe(UpdateLeadBody)) body: UpdateLeadInput,
  ): Promise<LeadView> {
    return toLeadResource(
      await this.leads.update({ accountId: principal.accountId, requestId }, id, body),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a lead', description: 'Publishes no event.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @applyDecorators(...errors(400, 401, 404, 503))
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', leadId) id: string,
  ): Promise<void> {
    await this.leads.remove(principal.accountId, id);
  }
}
