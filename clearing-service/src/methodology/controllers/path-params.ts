import { MethodologyCode } from '@tanlian/sdk';
import { z } from 'zod';
import { ZodPipe } from '../../http/zod-pipe';

// The `{code}` and `{version}` path parameters, checked like bodies: 422 naming the parameter.

export const codeParam = new ZodPipe(MethodologyCode, 'code');

export const versionParam = new ZodPipe(
  z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'must be a version number: 1, 2, 3…')
    .transform(Number),
  'version',
);
