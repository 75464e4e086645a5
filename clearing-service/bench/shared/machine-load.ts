import os from 'node:os';
import { machineBusySeconds } from './processes';

/**
 * How busy the machine is without the bench (the load average would still count the build just
 * done): measured over 2 s, said with the machine's facts, and returned in cores.
 */
export async function sayMachineLoad(say: (line: string) => void): Promise<number> {
  const before = machineBusySeconds();
  await new Promise((r) => setTimeout(r, 2000));
  const load = (machineBusySeconds() - before) / 2;
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  say(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${gib} GiB, ${load.toFixed(2)} cores busy before the run; Node ${process.version}`,
  );
  if (load > 0.3)
    say(`note: the machine is already busy (${load.toFixed(2)} cores); figures will be lower`);
  return load;
}
