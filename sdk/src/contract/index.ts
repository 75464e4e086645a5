export * from './errors';
export * from './tenancy';
export * from './methodology';
export * from './residents';
export * from './events';
export * from './account';
export * from './funding';
export * from './callbacks';
