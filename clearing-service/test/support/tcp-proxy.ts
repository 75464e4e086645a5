import net from 'node:net';

/**
 * A loopback TCP proxy in front of a real server. Stopping it makes the server look down to the
 * service (refused and cut connections) without stopping the MariaDB other test files share;
 * black-holing it makes the server look gone behind a network that still accepts connections.
 */
export class TcpProxy {
  /** Forwarded connections: client side → server side. */
  private readonly links = new Map<net.Socket, net.Socket>();
  /** Client sides that nothing answers any more (black hole). */
  private readonly held = new Set<net.Socket>();
  private server: net.Server | null = null;
  private blackholed = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = net.createServer((client) => {
      client.on('error', () => client.destroy());
      if (this.blackholed) return this.hold(client);
      const upstream = net.connect(this.targetPort, this.targetHost);
      upstream.on('error', () => upstream.destroy());
      this.links.set(client, upstream);
      client.on('close', () => this.links.delete(client));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  async stop(): Promise<void> {
    for (const [client, upstream] of this.links) {
      client.destroy();
      upstream.destroy();
    }
    for (const client of this.held) client.destroy();
    this.blackholed = false;
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server = null;
  }

  /**
   * The server is gone, the network still accepts: open connections get no answer any more (their
   * server side is closed), new ones are accepted and never answered, not even with a handshake.
   */
  blackhole(): void {
    this.blackholed = true;
    for (const [client, upstream] of this.links) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      upstream.destroy();
      this.links.delete(client);
      this.hold(client);
    }
  }

  /** The server is back (restarted): what the black hole held is reset, new connections go through. */
  heal(): void {
    this.blackholed = false;
    for (const client of this.held) client.destroy();
  }

  private hold(client: net.Socket): void {
    this.held.add(client);
    client.on('close', () => this.held.delete(client));
    client.resume(); // read and drop whatever is sent
  }
}
