// Preloaded into the api or worker child (node --require) when the bench profiles it: the first
// SIGWINCH starts the V8 CPU profiler, the second writes BENCH_PROFILE_FILE. Signals, not exit:
// Nest re-raises SIGTERM after closing, so --cpu-prof would never get to write its file. SIGWINCH
// because Nest's shutdown hooks listen to SIGUSR2 (and SIGUSR1 belongs to the inspector).
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_PROFILE_FILE;
const session = new inspector.Session();
session.connect();
let running = false;

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
        session.post('Profiler.start'),
      ),
    );
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, result) => {
    if (!err) writeFileSync(file, JSON.stringify(result.profile));
    process.stderr.write(err ? `profile failed: ${err.message}\n` : `profile written: ${file}\n`);
  });
});
