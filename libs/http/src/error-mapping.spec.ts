import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import { z } from 'zod';
import { ApiException, ConflictException } from './api-exceptions';
import { bodyParserErrorMiddleware, toApiErrorBody } from './error-mapping';

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
      'a body in another charset',
      bodyParserError('charset.unsupported', 415),
      {
        statusCode: 415,
        code: 'unsupported_media_type',
        message: 'Request body must be JSON in UTF-8',
      },
    ],
    [
      'a body in an unknown Content-Encoding',
      bodyParserError('encoding.unsupported', 415),
      {
        statusCode: 415,
        code: 'unsupported_media_type',
        message: 'Content-Encoding must be one of gzip, deflate, br, or none',
      },
    ],
    [
      'a body that is not UTF-8',
      bodyParserError('entity.utf8.invalid', 400),
      { statusCode: 400, code: 'malformed_json', message: 'Request body is not valid UTF-8' },
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

describe('toApiErrorBody with dependency outage checks', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const outages = [
    (error: unknown) =>
      (error as { code?: string }).code === 'ECONNREFUSED' ? 'database' : undefined,
  ];

  it('maps an error a check recognises to a 503 naming the dependency', () => {
    expect(toApiErrorBody(refused, outages)).toEqual({
      statusCode: 503,
      code: 'service_unavailable',
      message: expect.stringContaining('database'),
    });
  });

  it('keeps it a 500 when no check recognises it', () => {
    expect(toApiErrorBody(refused).statusCode).toBe(500);
    expect(toApiErrorBody(new TypeError('x'), outages).statusCode).toBe(500);
  });
});

describe(bodyParserErrorMiddleware.name, () => {
  it('turns a decompression error, which has a status but no type, into a 400', () => {
    // What body-parser passes on for a gzip body that does not decompress.
    const zlibError = Object.assign(new Error('incorrect header check'), {
      errno: -3,
      code: 'Z_DATA_ERROR',
      status: 400,
      statusCode: 400,
      expose: true,
    });
    const next = jest.fn();
    bodyParserErrorMiddleware(zlibError, {} as never, {} as never, next);
    const passed = next.mock.calls[0][0] as ApiException;
    expect(passed).toBeInstanceOf(ApiException);
    expect(passed.toBody()).toEqual({
      statusCode: 400,
      code: 'malformed_json',
      message: expect.stringContaining('does not decompress'),
    });
  });

  it('passes on errors without a status untouched', () => {
    const error = new Error('not the parser');
    const next = jest.fn();
    bodyParserErrorMiddleware(error, {} as never, {} as never, next);
    expect(next).toHaveBeenCalledWith(error);
  });
});
