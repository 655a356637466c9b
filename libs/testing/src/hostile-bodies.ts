import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { RequestOptions } from './api-client';

export interface HostileBody {
  name: string;
  options: RequestOptions;
  status: number;
  code: string;
  /** Set when the 400 must name a field: the one the caller gave. */
  field?: string;
}

const json = { 'content-type': 'application/json' };

/**
 * Bodies no JSON route may answer with a 5xx, as a table for any service's e2e spec
 * (issue 15): Content-Encodings that do not decompress or are unknown, bytes that are not
 * UTF-8, and a lone surrogate or NUL in `field` of an otherwise valid `base` body.
 * Body-level cases are refused before authentication; field-level ones after it.
 */
export function hostileBodies(base: Record<string, unknown>, field: string): HostileBody[] {
  const valid = JSON.stringify(base);
  const withRaw = (value: string) =>
    JSON.stringify({ ...base, [field]: '__V__' }).replace('"__V__"', value);
  return [
    ...(['gzip', 'deflate', 'br'] as const).map((encoding) => ({
      name: `a ${encoding} body that does not decompress`,
      options: { raw: valid, headers: { ...json, 'content-encoding': encoding } },
      status: 400,
      code: 'malformed_json',
    })),
    {
      name: 'a truncated gzip body',
      options: {
        raw: gzipSync(valid).subarray(0, 12),
        headers: { ...json, 'content-encoding': 'gzip' },
      },
      status: 400,
      code: 'malformed_json',
    },
    {
      name: 'a deflate body of bytes that are not UTF-8',
      options: {
        raw: deflateSync(Buffer.from(withRaw('"\xff\xfe"'), 'latin1')),
        headers: { ...json, 'content-encoding': 'deflate' },
      },
      status: 400,
      code: 'malformed_json',
    },
    {
      name: 'a br body holding a lone surrogate',
      options: {
        raw: brotliCompressSync(withRaw('"\\ud800"')),
        headers: { ...json, 'content-encoding': 'br' },
      },
      status: 400,
      code: 'validation_failed',
      field,
    },
    {
      name: 'an unknown Content-Encoding',
      options: { raw: valid, headers: { ...json, 'content-encoding': 'compress' } },
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      name: 'bytes that are not UTF-8',
      options: { raw: Buffer.from(withRaw('"caf\xe9"'), 'latin1'), headers: json },
      status: 400,
      code: 'malformed_json',
    },
    {
      name: 'an overlong UTF-8 encoding',
      options: {
        raw: Buffer.concat([
          Buffer.from(withRaw('"__X__"').split('__X__')[0]),
          Buffer.from([0xc0, 0xaf]),
          Buffer.from(withRaw('"__X__"').split('__X__')[1]),
        ]),
        headers: json,
      },
      status: 400,
      code: 'malformed_json',
    },
    {
      name: 'a lone high surrogate in a string',
      options: { raw: withRaw('"a\\ud800"') },
      status: 400,
      code: 'validation_failed',
      field,
    },
    {
      name: 'a lone low surrogate in a string',
      options: { raw: withRaw('"\\udc00b"') },
      status: 400,
      code: 'validation_failed',
      field,
    },
    {
      name: 'a NUL in a string',
      options: { raw: withRaw('"a\\u0000b"') },
      status: 400,
      code: 'validation_failed',
      field,
    },
  ];
}
