import { UnprocessableEntityException } from '@nestjs/common';
import type { ZodError } from 'zod';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** 422 with one entry per field, e.g. `{ field: "roles[0]", reason: "must be one of operator, merchant" }`. */
export class ValidationFailed extends UnprocessableEntityException {
  constructor(readonly problems: FieldProblem[]) {
    super({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'validation_failed',
      message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
      errors: problems,
    });
  }

  static fromZod(error: ZodError, root = 'body'): ValidationFailed {
    return new ValidationFailed(
      error.issues.map((issue) => ({
        field: fieldPath(root, issue.path),
        reason: issue.message,
      })),
    );
  }
}

function fieldPath(root: string, path: PropertyKey[]): string {
  if (path.length === 0) return root;
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}
