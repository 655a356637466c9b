import { z } from 'zod';

// Builders for the usual kinds of environment variable. Every input is a string (or
// absent); each builder turns it into a typed value or an issue whose message reads well
// after the variable's name: "PORT must be a whole number from 1 to 65535".

export function envString(options: { minLength?: number } = {}) {
  return z
    .string()
    .trim()
    .min(options.minLength ?? 1, 'must not be empty');
}

export function envInt(options: { min?: number; max?: number } = {}) {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const range = describeRange(options.min, options.max);
  return z
    .string()
    .trim()
    .regex(/^-?\d+$/, `must be a whole number${range}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `must be a whole number${range}`)
        .max(max, `must be a whole number${range}`),
    );
}

export function envPort() {
  return envInt({ min: 1, max: 65535 });
}

const truthy = ['true', '1', 'yes'];
const falsy = ['false', '0', 'no'];

export function envBool() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => truthy.includes(value) || falsy.includes(value), {
      message: `must be one of ${[...truthy, ...falsy].join(', ')}`,
    })
    .transform((value) => truthy.includes(value));
}

export function envEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { message: `must be one of ${values.join(', ')}` });
}

/** A URL whose scheme is one of `protocols` (without the colon), e.g. `['postgres', 'postgresql']`. */
export function envUrl(protocols: readonly string[]) {
  const expected = `must be a ${protocols.map((p) => `${p}://`).join(' or ')} URL`;
  return z
    .string()
    .trim()
    .check((ctx) => {
      const url = URL.parse(ctx.value);
      if (url === null)
        ctx.issues.push({ code: 'custom', message: 'must be a URL', input: ctx.value });
      else if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
        ctx.issues.push({ code: 'custom', message: expected, input: ctx.value });
      }
    });
}

/** A comma-separated list; blanks between commas are dropped. */
export function envList(item: z.ZodType<string, string> = z.string()) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item).min(1, 'must list at least one value'));
}

/** A comma-separated list of `host:port` pairs (Kafka brokers). */
export function envHostPorts() {
  return envList(
    z
      .string()
      .regex(
        /^(\[[0-9a-fA-F:]+\]|[^\s:[\]]+):\d{1,5}$/,
        'must be a comma-separated list of host:port',
      ),
  );
}

function describeRange(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}
