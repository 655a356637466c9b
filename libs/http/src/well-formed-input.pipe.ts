import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ValidationFailedException } from './api-exceptions';
import { describeIllFormedText, findIllFormedText } from './well-formed-text';

const checked = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * Installed globally by configureHttpApp, so it runs before every route's own pipes: no
 * path parameter, query parameter or JSON body holding U+0000 or a lone surrogate reaches
 * a handler, whatever its schema says. The 400 names the parameter (`id`, `event_id`) or
 * the body field (`data.notes`).
 */
export class WellFormedInputPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!checked.has(metadata.type)) return value;
    const found = findIllFormedText(value, metadata.data ?? '');
    if (found === undefined) return value;
    const field = found.path === '' ? undefined : found.path;
    throw new ValidationFailedException(
      describeIllFormedText(found, field ?? 'The request body'),
      field,
    );
  }
}
