import { signWebhook } from '@tanlian/sdk';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SimEvent } from './event-stream';

export interface DriverOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  program: string;
  /** Operator code → its whsec_ signing secret. */
  secrets: Record<string, string>;
  /** Where events come from (an EventStream's next). */
  next: () => SimEvent;
  /** 1: one event per POST (the body is the event); more: `{events: […]}` of up to this many. */
  batchSize: number;
  /** A part-full batch leaves once its oldest event has waited this long (paced runs). */
  maxBatchDelayMs?: number;
  /** Events per second; null or undefined: as fast as the service answers. */
  ratePerSecond?: number | null;
  /** Requests in flight at most (one keep-alive connection each). */
  maxInFlight: number;
  /** Bounds: the run ends at whichever comes first (or when `signal` aborts). */
  maxEvents?: number;
  durationMs?: number;
  signal?: AbortSignal;
  requestTimeoutMs?: number;
  /** Called after every request, e.g. to print progress. */
  onRequest?: (r: RequestRecord) => void;
  /**
   * Awaited before each request of an unpaced run: lets the caller hold ingestion back, e.g. while
   * the worker's backlog is above a bound, so a long run measures the worker without an unbounded queue.
   */
  beforeSend?: () => Promise<void>;
}

export interface RequestRecord {
  operator: string;
  events: number;
  status: number;
  accepted: number;
  /** From the moment the request was sent to the end of the answer. */
  latencyMs: number;
  /** From the moment its (last) event was due by the schedule: includes waiting for a free slot. */
  scheduledLatencyMs: number;
  /** Some event of it had been sent before (a redelivery). */
  redelivery: boolean;
}

export interface DriverStats {
  requests: number;
  events: number;
  accepted: number;
  conflict: number;
  invalid: number;
  redeliveries: number;
  overlapCopies: number;
  httpErrors: number;
  networkErrors: number;
  /** Events generated but never sent because the run stopped first. */
  unsent: number;
  /** The first few error messages, for a person to read. */
  errorSamples: string[];
  startedAt: number;
  endedAt: number;
  latenciesMs: number[];
  scheduledLatenciesMs: number[];
}

interface Outgoing {
  operator: string;
  events: SimEvent[];
  dueAt: number;
}

// Paced runs tick this often; a tick sends every event that fell due since the last one.
const TICK_MS = 2;
// A paced run that cannot keep up queues at most this many seconds of events before it sheds them.
const MAX_BACKLOG_S = 2;

/**
 * Signs (Standard Webhooks v1, the operator's whsec_ key) and POSTs simulated events to
 * `/v1/programs/{program}/operators/{operator}/events` over keep-alive connections (node:http with
 * a keep-alive agent: measured on this machine, fetch costs the client 2-4× the CPU per request,
 * which a load generator sharing two cores with the service cannot afford),
 * single events or batches, paced at a rate or as fast as the service answers, with a bounded
 * number of requests in flight. Every run is bounded in events and/or time, or by its signal.
 */
export class EventDriver {
  readonly stats: DriverStats = {
    requests: 0,
    events: 0,
    accepted: 0,
    conflict: 0,
    invalid: 0,
    redeliveries: 0,
    overlapCopies: 0,
    httpErrors: 0,
    networkErrors: 0,
    unsent: 0,
    errorSamples: [],
    startedAt: 0,
    endedAt: 0,
    latenciesMs: [],
    scheduledLatenciesMs: [],
  };
  private readonly buffers = new Map<string, { events: SimEvent[]; firstDueAt: number }>();
  private readonly inFlight = new Set<Promise<void>>();
  private produced = 0;
  private messages = 0;
  private stopped = false;
  private readonly agent: http.Agent;
  private readonly target: URL;

  constructor(private readonly o: DriverOptions) {
    this.target = new URL(o.baseUrl);
    if (this.target.protocol !== 'http:') throw new RangeError('baseUrl must be an http:// URL');
    this.agent = new http.Agent({ keepAlive: true, maxSockets: o.maxInFlight });
    if (o.batchSize < 1 || o.batchSize > 1000) throw new RangeError('batchSize must be 1-1000');
    if (o.maxInFlight < 1) throw new RangeError('maxInFlight must be at least 1');
    if (o.maxEvents === undefined && o.durationMs === undefined && o.signal === undefined)
      throw new RangeError('a run needs a bound: maxEvents, durationMs or signal');
    o.signal?.addEventListener('abort', () => (this.stopped = true), { once: true });
  }

  /** Ends the run after the requests in flight have answered. */
  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<DriverStats> {
    this.stats.startedAt = Date.now();
    const started = performance.now();
    const deadline = this.o.durationMs === undefined ? Infinity : started + this.o.durationMs;
    const maxEvents = this.o.maxEvents ?? Infinity;
    const over = () => this.stopped || this.produced >= maxEvents || performance.now() >= deadline;
    if (this.o.ratePerSecond) await this.paced(started, this.o.ratePerSecond, over, maxEvents);
    else await this.flatOut(over, maxEvents);
    if (!this.o.signal?.aborted) {
      for (const out of this.drainBuffers(performance.now())) this.dispatch(out);
    }
    await Promise.all(this.inFlight);
    for (const b of this.buffers.values()) this.stats.unsent += b.events.length;
    this.stats.endedAt = Date.now();
    this.agent.destroy();
    return this.stats;
  }

  /** As fast as the service answers: `maxInFlight` loops, each sending its next full batch. */
  private async flatOut(over: () => boolean, maxEvents: number): Promise<void> {
    const loop = async () => {
      while (!over()) {
        if (this.o.beforeSend) await this.o.beforeSend();
        if (over()) break;
        const out = this.fill(maxEvents);
        if (out) await this.send(out);
      }
    };
    await Promise.all(Array.from({ length: this.o.maxInFlight }, loop));
  }

  /** Pulls events until one operator's batch is full (or the event budget is spent). */
  private fill(maxEvents: number): Outgoing | null {
    while (this.produced < maxEvents) {
      const out = this.add(this.o.next(), performance.now());
      if (out) return out;
    }
    return null;
  }

  /** Open loop: events fall due at the rate whatever the answers; a batch leaves full or aged. */
  private async paced(
    started: number,
    rate: number,
    over: () => boolean,
    maxEvents: number,
  ): Promise<void> {
    const queue: Outgoing[] = [];
    let queued = 0;
    const maxDelay = this.o.maxBatchDelayMs ?? 25;
    while (!over()) {
      const now = performance.now();
      const due = Math.min(Math.floor(((now - started) * rate) / 1000), maxEvents);
      while (this.produced < due) {
        const dueAt = started + ((this.produced + 1) * 1000) / rate;
        if (queued > rate * MAX_BACKLOG_S) {
          // The client cannot send as fast as the schedule asks: shed, and say so in the stats.
          this.produced += 1;
          this.stats.unsent += 1;
          continue;
        }
        const out = this.add(this.o.next(), dueAt);
        if (out) {
          queue.push(out);
          queued += out.events.length;
        }
      }
      for (const out of this.drainBuffers(now, maxDelay)) {
        queue.push(out);
        queued += out.events.length;
      }
      while (queue.length > 0 && this.inFlight.size < this.o.maxInFlight) {
        const out = queue.shift()!;
        queued -= out.events.length;
        this.dispatch(out);
      }
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    for (const out of queue) this.stats.unsent += out.events.length;
  }

  private add(e: SimEvent, dueAt: number): Outgoing | null {
    this.produced += 1;
    if (this.o.batchSize === 1) return { operator: e.operator, events: [e], dueAt };
    let b = this.buffers.get(e.operator);
    if (!b) {
      b = { events: [], firstDueAt: dueAt };
      this.buffers.set(e.operator, b);
    }
    if (b.events.length === 0) b.firstDueAt = dueAt;
    b.events.push(e);
    if (b.events.length < this.o.batchSize) return null;
    this.buffers.set(e.operator, { events: [], firstDueAt: 0 });
    return { operator: e.operator, events: b.events, dueAt };
  }

  private drainBuffers(now: number, olderThanMs = 0): Outgoing[] {
    const out: Outgoing[] = [];
    for (const [operator, b] of this.buffers) {
      if (b.events.length > 0 && now - b.firstDueAt >= olderThanMs) {
        out.push({ operator, events: b.events, dueAt: now });
        this.buffers.set(operator, { events: [], firstDueAt: 0 });
      }
    }
    return out;
  }

  private dispatch(out: Outgoing): void {
    const p = this.send(out).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async send(out: Outgoing): Promise<void> {
    const secret = this.o.secrets[out.operator];
    if (!secret) throw new Error(`no signing secret for operator ${out.operator}`);
    const single = this.o.batchSize === 1;
    const body = JSON.stringify(
      single ? out.events[0].event : { events: out.events.map((e) => e.event) },
    );
    const headers = signWebhook({
      id: single ? `msg_${out.events[0].event.id}` : `msg_batch_${process.pid}_${this.messages++}`,
      timestamp: Math.floor(Date.now() / 1000),
      body,
      keys: [secret],
    });
    const path = `/v1/programs/${this.o.program}/operators/${out.operator}/events`;
    const sentAt = performance.now();
    let status = 0;
    let accepted = 0;
    try {
      const res = await this.post(path, headers, body);
      status = res.status;
      accepted = this.count(out, status, res.text);
    } catch (err) {
      if (this.o.signal?.aborted) {
        this.stats.unsent += out.events.length;
        return;
      }
      this.stats.networkErrors += 1;
      this.sample(`${out.operator}: ${(err as Error).message}`);
    }
    const end = performance.now();
    const record: RequestRecord = {
      operator: out.operator,
      events: out.events.length,
      status,
      accepted,
      latencyMs: end - sentAt,
      scheduledLatencyMs: end - Math.min(out.dueAt, sentAt),
      redelivery: out.events.some((e) => e.redelivery),
    };
    this.stats.requests += 1;
    this.stats.events += out.events.length;
    for (const e of out.events) {
      if (e.redelivery) this.stats.redeliveries += 1;
      if (e.overlapCopy) this.stats.overlapCopies += 1;
    }
    if (status !== 0) {
      this.stats.latenciesMs.push(record.latencyMs);
      this.stats.scheduledLatenciesMs.push(record.scheduledLatencyMs);
    }
    this.o.onRequest?.(record);
  }

  private post(
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          path,
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
          signal: this.o.signal,
          timeout: this.o.requestTimeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Counts an answer's outcomes; returns how many events it accepted. */
  private count(out: Outgoing, status: number, text: string): number {
    if (status === 200) {
      const result = JSON.parse(text) as { accepted: number; results: { outcome: string }[] };
      for (const r of result.results) {
        if (r.outcome === 'conflict') this.stats.conflict += 1;
        else if (r.outcome === 'invalid') {
          this.stats.invalid += 1;
          if (this.stats.errorSamples.length < 5)
            this.sample(`${out.operator}: ${text.slice(0, 300)}`);
        }
      }
      this.stats.accepted += result.accepted;
      return result.accepted;
    }
    if (status === 202) {
      this.stats.accepted += 1;
      return 1;
    }
    if (status === 409) this.stats.conflict += out.events.length;
    else if (status === 422) this.stats.invalid += out.events.length;
    else this.stats.httpErrors += 1;
    this.sample(`${out.operator}: HTTP ${status} ${text.slice(0, 300)}`);
    return 0;
  }

  private sample(message: string): void {
    if (this.stats.errorSamples.length < 5) this.stats.errorSamples.push(message);
  }
}

/** The p-th percentile (0-100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
