import type { MethodologyDefinition } from '@tanlian/sdk';
import type { ValueTransformer } from 'typeorm';
import { canonicalJson } from '@tanlian/sdk';

/**
 * BIGINT columns arrive as strings (the driver never rounds them); amounts here are validated to
 * stay far below 2^53, so a number holds them exactly. Anything else is refused, never rounded.
 */
export const bigintColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT ${value} is outside the safe range`);
    return n;
  },
};

/** The definition is stored as its canonical JSON: the exact bytes the content hash covers. */
export const definitionColumn: ValueTransformer = {
  to: (value: MethodologyDefinition | undefined) =>
    value === undefined ? undefined : canonicalJson(value),
  from: (text: string) => JSON.parse(text) as MethodologyDefinition,
};
