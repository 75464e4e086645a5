import { z } from 'zod';

/** Money-like integers (points, milligrams) travel as strings, so no JSON parser rounds them. */
export const IntegerString = z
  .string()
  .regex(/^-?\d+$/)
  .describe('An integer, as a string so no JSON parser rounds it');
