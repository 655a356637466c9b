import { z } from 'zod';
import { ValidationFailedException } from './api-exceptions';
import { ZodValidationPipe } from './zod-validation.pipe';

describe(ZodValidationPipe.name, () => {
  const pipe = new ZodValidationPipe(z.uuid({ message: 'must be a UUID' }));

  it('names the path parameter a single value came from', () => {
    expect(() => pipe.transform('123', { type: 'param', data: 'id' })).toThrow(
      expect.objectContaining({ field: 'id', message: 'id must be a UUID' }),
    );
  });

  it('names nothing when the value is a whole body', () => {
    let thrown: unknown;
    try {
      pipe.transform('123', { type: 'body' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationFailedException);
    expect((thrown as ValidationFailedException).field).toBeUndefined();
  });

  it('returns the parsed value', () => {
    const id = '3f2c1a7e-9b0d-4e5f-8a6b-1c2d3e4f5a6b';
    expect(pipe.transform(id, { type: 'param', data: 'id' })).toBe(id);
  });
});
