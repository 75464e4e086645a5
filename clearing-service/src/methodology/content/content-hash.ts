import type { MethodologyDefinition } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@tanlian/sdk';

/** SHA-256 (lowercase hex) of the definition's RFC 8785 canonical JSON: what anyone can recompute. */
export function contentHashOf(definition: MethodologyDefinition): string {
  return createHash('sha256').update(canonicalJson(definition), 'utf8').digest('hex');
}
