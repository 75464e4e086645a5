// @tanlian/sdk: the contract shared by the clearing service, operators, the mini-program and the console.
// Everything here is pure TypeScript (no Node-only APIs) so the mini-program can import it.
export * from './contract';
export * from './webhooks';
export * from './audit';
export * from './verifier';
