import { percentile } from '../../src/demo/simulator';

/** A latency sample's size, median, 99th percentile and maximum, in ms. */
export interface Timing {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export const timing = (ms: number[]): Timing => ({
  n: ms.length,
  p50: percentile(ms, 50),
  p99: percentile(ms, 99),
  max: percentile(ms, 100),
});
