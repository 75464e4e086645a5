// The one place the demo's ports are defined. PORT (default 3000) is the api's and every other
// server the demo runs, now or in later issues, takes the next ones, so that `PORT=3100 npm start`
// moves a second checkout's demo whole.
import net from 'node:net';

/** Each server of the demo and how far its port is from PORT. */
export const DEMO_SERVERS = {
  api: { offset: 0, label: 'api' },
  h5: { offset: 1, label: "mini-program's H5" },
  console: { offset: 2, label: 'console' },
} as const;

export type DemoServer = keyof typeof DEMO_SERVERS;
export type DemoPorts = Record<DemoServer, number>;

export const DEFAULT_DEMO_PORT = 3000;
/** Ports a demo takes from PORT on; a second demo's PORT must be at least this far away. */
export const DEMO_PORT_SPAN = Math.max(...Object.values(DEMO_SERVERS).map((s) => s.offset)) + 1;
/** How far a suggested PORT is from a taken one: far enough that the blocks never overlap. */
const SUGGESTION_STEP = 100;

/** The PORT to suggest for a second demo beside this one. */
export function neighbourPort(ports: DemoPorts): number {
  return ports.api + SUGGESTION_STEP;
}

/** The demo's ports from PORT; a message naming the variable when it is not a usable port. */
export function demoPorts(value: string | undefined): DemoPorts | { error: string } {
  const base = value === undefined || value === '' ? DEFAULT_DEMO_PORT : Number(value);
  const highest = 65535 - (DEMO_PORT_SPAN - 1);
  if (!Number.isInteger(base) || base < 1 || base > highest) {
    return {
      error: `PORT must be a port number from 1 to ${highest} (the demo takes PORT to PORT+${DEMO_PORT_SPAN - 1}), not "${value}"`,
    };
  }
  return portsFrom(base);
}

function portsFrom(base: number): DemoPorts {
  const ports = {} as DemoPorts;
  for (const [name, { offset }] of Object.entries(DEMO_SERVERS))
    ports[name as DemoServer] = base + offset;
  return ports;
}

/**
 * The first of `servers` whose port is taken, with a PORT to suggest instead (the first block of
 * ports, in steps of 100, where all of them are free), or null when all are free.
 */
export async function takenPort(
  host: string,
  ports: DemoPorts,
  servers: DemoServer[],
): Promise<{ label: string; port: number; suggestion: number | null } | null> {
  const taken = await firstTaken(host, ports, servers);
  if (taken === null) return null;
  let suggestion: number | null = null;
  for (let base = neighbourPort(ports); base + DEMO_PORT_SPAN <= 65536; base += SUGGESTION_STEP) {
    if ((await firstTaken(host, portsFrom(base), servers)) === null) {
      suggestion = base;
      break;
    }
  }
  return { label: DEMO_SERVERS[taken].label, port: ports[taken], suggestion };
}

async function firstTaken(
  host: string,
  ports: DemoPorts,
  servers: DemoServer[],
): Promise<DemoServer | null> {
  for (const server of servers) if (await portTaken(host, ports[server])) return server;
  return null;
}

function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
