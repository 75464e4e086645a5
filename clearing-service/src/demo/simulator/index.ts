// The simulator of a city's operators and residents: `npm start` feeds the demo with it and
// `npm run bench:ingest` drives the benchmark with it.
export { EventDriver, percentile } from './driver';
export type { DriverOptions, DriverStats, RequestRecord } from './driver';
export { EventStream } from './event-stream';
export type { EventStreamOptions, SimEvent } from './event-stream';
export { feedDemo } from './feed-demo';
export type { DemoFeed, DemoFeedOptions } from './feed-demo';
export { OPERATOR_ROLES, Population } from './population';
export type {
  OperatorCodes,
  OperatorRole,
  PopulationOptions,
  SimAccount,
  SimBinding,
  SimResident,
} from './population';
export { Prng } from './prng';
