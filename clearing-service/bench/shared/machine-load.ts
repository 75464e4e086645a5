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

/** The machine a run measured on, as every bench's report records it. */
export interface MachineFacts {
  cores: number;
  model: string;
  memoryGiB: number;
  /** Cores busy (all processes) over 2 s before the run started. */
  loadBefore: number;
  node: string;
  mariadb: string;
}

export function machineFacts(loadBefore: number, mariadb: string): MachineFacts {
  return {
    cores: os.cpus().length,
    model: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    loadBefore,
    node: process.version,
    mariadb,
  };
}
