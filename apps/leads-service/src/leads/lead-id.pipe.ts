import { NotFoundException } from '@leadhooks/http';
import type { PipeTransform } from '@nestjs/common';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A lead id in a path. Anything that is not a UUID cannot name a lead, so it gets the
 * same 404 as an unknown one (and never reaches Postgres, which would reject it).
 */
export class LeadIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!uuid.test(value)) throw new NotFoundException('Lead not found');
    return value.toLowerCase();
  }
}
