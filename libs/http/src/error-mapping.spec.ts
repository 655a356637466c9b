import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import { z } from 'zod';
import { ConflictException } from './api-exceptions';
import { toApiErrorBody } from './error-mapping';

const bodyParserError = (type: string, status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('raw message with internals'), { type, status, expose: true, ...extra });

describe(toApiErrorBody.name, () => {
  it.each([
    [
      'our conflict',
      new ConflictException('taken', 'email', 'id-1'),
      { statusCode: 409, code: 'conflict', message: 'taken', field: 'email', existingId: 'id-1' },
    ],
    [
      'a Nest 404',
      new NotFoundException('Cannot GET /x'),
      { statusCode: 404, code: 'not_found', message: 'Cannot GET /x' },
    ],
    [
      'a Nest 400 with a message list',
      new BadRequestException(['first', 'second']),
      { statusCode: 400, code: 'validation_failed', message: 'first' },
    ],
    [
      'a Nest 500, text hidden',
      new InternalServerErrorException('db password wrong'),
      { statusCode: 500, code: 'internal_error', message: 'Internal server error' },
    ],
    [
      'a Nest 503, text hidden',
      new HttpException('pool exhausted', 503),
      { statusCode: 503, code: 'service_unavailable', message: 'Internal server error' },
    ],
    [
      'a body over the limit',
      bodyParserError('entity.too.large', 413, { limit: 100 }),
      {
        statusCode: 413,
        code: 'payload_too_large',
        message: 'Request body is larger than the limit of 100 bytes',
      },
    ],
    [
      'malformed JSON',
      bodyParserError('entity.parse.failed', 400),
      { statusCode: 400, code: 'malformed_json', message: 'Request body is not valid JSON' },
    ],
    [
      'a gzip body',
      bodyParserError('encoding.unsupported', 415),
      {
        statusCode: 415,
        code: 'unsupported_media_type',
        message: 'Request body must be UTF-8 JSON without content encoding',
      },
    ],
    [
      'an aborted upload',
      bodyParserError('request.aborted', 400),
      { statusCode: 400, code: 'validation_failed', message: 'Request body was incomplete' },
    ],
    [
      'an unknown error',
      new TypeError('x is undefined'),
      { statusCode: 500, code: 'internal_error', message: 'Internal server error' },
    ],
    [
      'a thrown string',
      'boom',
      { statusCode: 500, code: 'internal_error', message: 'Internal server error' },
    ],
  ])('maps %s', (_case, error, expected) => {
    expect(toApiErrorBody(error)).toEqual(expected);
  });

  it('maps a ZodError to a 400 naming the field', () => {
    const result = z.strictObject({ score: z.number() }).safeParse({ score: 'high' });
    expect(result.success).toBe(false);
    expect(toApiErrorBody(result.error)).toEqual({
      statusCode: 400,
      code: 'validation_failed',
      message: 'score must be a number',
      field: 'score',
    });
  });
});
