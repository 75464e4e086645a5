export * from './errors';
export * from './tenancy';
