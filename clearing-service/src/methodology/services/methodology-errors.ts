import { ConflictError, NotFoundError } from '../../http/domain-error';

// Every failure of this module, in one place, with its stable code.

export const methodologyNotFound = (code: string, version: number) =>
  new NotFoundError('methodology_not_found', `Methodology ${code}@${version} not found`);

export const methodologyImmutable = (label: string, status: string) =>
  new ConflictError(
    'methodology_immutable',
    `${label} is ${status}: a published methodology never changes; create a new version instead`,
  );

export const methodologyRetired = (label: string) =>
  new ConflictError('methodology_retired', `${label} is retired and cannot be published again`);

export const methodologyNotPublished = (label: string) =>
  new ConflictError(
    'methodology_not_published',
    `${label} is a draft; only a published methodology can be retired`,
  );

export const behaviourMismatch = (code: string, kept: string, given: string) =>
  new ConflictError(
    'methodology_behaviour_mismatch',
    `${code} is a methodology for ${kept}; its versions keep that behaviour (got ${given})`,
  );

export const windowOverlap = (label: string, behaviour: string, other: string, window: string) =>
  new ConflictError(
    'methodology_window_overlap',
    `${label} overlaps the effective window of published ${other} (${window}); ` +
      `exactly one version may be in force for ${behaviour} at any time`,
  );
