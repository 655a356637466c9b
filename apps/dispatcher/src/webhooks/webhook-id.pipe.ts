import { NotFoundException } from '@leadhooks/http';
import type { PipeTransform } from '@nestjs/common';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A webhook id in a path: anything but a UUID names no webhook, so it is the same 404. */
export class WebhookIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!uuid.test(value)) throw new NotFoundException('No such webhook in this account');
    return value.toLowerCase();
  }
}
