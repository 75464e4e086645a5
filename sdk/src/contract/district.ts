import { z } from 'zod';

/** A GB/T 2260 administrative division code: six digits, e.g. 440305 (Nanshan, Shenzhen). */
export const District = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 district code');
