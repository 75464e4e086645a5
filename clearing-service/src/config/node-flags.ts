/**
 * The Node flags each entry point runs with (the demo, the benches and the deployment start them
 * so). The api's young generation is 64 MiB a half instead of V8's 16: a proof request allocates
 * ~90 KB (queries, rows, buffers), so V8 scavenged every ~150 requests, 3–4 ms each, and those
 * pauses were the proof endpoint's p99 (3.6 ms in process; 1.6 ms with this, bench:audit).
 */
export const NODE_FLAGS: Record<string, readonly string[]> = {
  'main.api.js': ['--max-semi-space-size=64'],
  'main.worker.js': [],
};

export function nodeFlagsOf(script: string): readonly string[] {
  return NODE_FLAGS[script] ?? [];
}
