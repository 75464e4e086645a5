import { PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { ValidationFailed } from './validation-error';

/** Validates a body or query against a contract schema from @tanlian/sdk; 422 names each bad field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: ZodType<T>,
    private readonly root = 'body',
  ) {}

  transform(value: unknown): T {
    // A missing or non-JSON body reaches us as undefined; say so instead of listing every field.
    if (value === undefined || value === null) {
      throw new ValidationFailed([{ field: this.root, reason: 'is required (a JSON object)' }]);
    }
    const result = this.schema.safeParse(value);
    if (!result.success) throw ValidationFailed.fromZod(result.error, this.root);
    return result.data;
  }
}
