import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { OpenApiDocument } from './merge-openapi';
import { OpenApiAggregator } from './openapi.service';

/** `/docs-json`: the merged document of every service, built on each request. */
@ApiExcludeController()
@Controller()
export class DocsController {
  constructor(@Inject(OpenApiAggregator) private readonly aggregator: OpenApiAggregator) {}

  @Get('docs-json')
  document(): Promise<OpenApiDocument> {
    return this.aggregator.document();
  }
}
