import type { OpenAPIObject } from '@nestjs/swagger';

/** Stable text for the checked-in spec (keys as generated, two-space indent, final newline). */
export function formatSpec(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
