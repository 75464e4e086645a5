import { z } from 'zod';

/** Every 4xx/5xx body. `errors` lists per-field problems on a 422. */
export const ApiErrorBody = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  code: z
    .string()
    .optional()
    .describe('Stable machine-readable error code, e.g. program_code_taken'),
  errors: z
    .array(z.object({ field: z.string(), reason: z.string() }))
    .optional()
    .describe('Per-field validation problems (422 only)'),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
