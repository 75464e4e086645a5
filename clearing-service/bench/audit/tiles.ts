// tlog-tiles at the proof log's size: (a) one full tile requested again and again from the api
// (served from its memory) against a bare Fastify process serving the same bytes, each over one
// kept-alive connection, their requests alternating; (b) what a phone with an empty cache downloads to verify one
// receipt from tiles instead of asking proof/inclusion: the tiles the sdk's inclusionTiles names at
// the checkpoint's size, fetched, the proof computed from them and checked against the signed root.
import {
  formatTilePath,
  inclusionFromTiles,
  inclusionTiles,
  parseCheckpoint,
  sha256LogHash,
  verifyInclusion,
  verifyNote,
} from '@tanlian/sdk';
import { Agent } from 'node:http';
import { Prng } from '../../src/demo/simulator';
import { startChild, stopChild, waitForReady, type Child } from '../shared/processes';
import { freePort } from './context';
import { getBytes, startFloor, timeInterleaved } from './http-floor';
import type { ProofLog } from './proof-log';
import type { Timing } from './timing';

export interface TileResult {
  path: string;
  tileBytes: number;
  /** The same full tile from the api, again and again. */
  cached: Timing;
  /** Bare Fastify returning the same bytes. */
  floor: Timing;
  /** Per receipt, from a cold cache: tiles fetched and their bytes; the proof endpoint's bytes. */
  cold: { receipts: number; tiles: Spread; bytes: Spread; proofEndpointBytes: Spread };
  /** The same receipts one after another with the phone's tile cache kept: what each adds. */
  warm: { tiles: Spread; bytes: Spread };
}

export interface Spread {
  min: number;
  mean: number;
  max: number;
}

const spread = (xs: number[]): Spread => ({
  min: Math.min(...xs),
  mean: xs.reduce((s, x) => s + x, 0) / xs.length,
  max: Math.max(...xs),
});

export async function measureTiles(
  log: ProofLog,
  requests: number,
  receipts: number,
  say: (s: string) => void,
): Promise<TileResult> {
  const r = new Prng(0x711e5);
  const warmup = Math.max(100, Math.round(requests / 10));
  const port = await freePort();
  const api = startChild('api', 'main.api.js', { ...log.env, HTTP_PORT: String(port) }, null);
  const base = `http://127.0.0.1:${port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let floor: { child: Child; base: string } | null = null;
  try {
    await waitForReady(base, [api]);
    const prefix = `${base}/v1/programs/${log.program.code}/audit`;
    // A full level-0 tile somewhere in the log (any full tile is served the same way).
    const tilePath = formatTilePath({ level: 0, index: r.int(0, log.size / 256 - 2), width: 256 });
    const tile = await getBytes(agent, `${prefix}/${tilePath}`);
    floor = await startFloor(tile);
    const floorAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const floorBase = floor.base;
    const { api: cached, floor: floorTiming } = await timeInterleaved(
      () => getBytes(agent, `${prefix}/${tilePath}`),
      () => getBytes(floorAgent, `${floorBase}/tile`),
      warmup,
      requests,
    ).finally(() => floorAgent.destroy());
    say(
      `    cached ${tilePath} (${tile.length} bytes): p99 ${cached.p99.toFixed(2)} ms; bare Fastify, same bytes: p99 ${floorTiming.p99.toFixed(2)} ms`,
    );

    const verified = verifyNote(
      (await getBytes(agent, `${prefix}/checkpoint`)).toString(),
      log.trustedKeys,
    );
    if (!verified.ok) throw new Error(`checkpoint: ${verified.reason}`);
    const cp = parseCheckpoint(verified.body);
    if (!cp.ok) throw new Error(`checkpoint: ${cp.reason}`);
    const size = cp.checkpoint.size;
    const tiles: number[] = [];
    const bytes: number[] = [];
    const proofBytes: number[] = [];
    const kept = new Map<string, number>();
    const warmTiles: number[] = [];
    const warmBytes: number[] = [];
    for (let k = 0; k < receipts; k++) {
      const index = r.int(0, size - 1);
      // A cold cache: every tile the proof needs is fetched, once.
      const fetched = new Map<string, Buffer>();
      for (const t of inclusionTiles(index, size)) {
        fetched.set(
          `${t.level}/${t.index}`,
          await getBytes(agent, `${prefix}/${formatTilePath(t)}`),
        );
      }
      const got = await inclusionFromTiles(sha256LogHash, index, size, async (level, i) =>
        fetched.get(`${level}/${i}`)!,
      );
      const ok = verifyInclusion(
        sha256LogHash,
        index,
        size,
        got.leafHash,
        got.proof,
        cp.checkpoint.rootHash,
      );
      if (!ok.ok) throw new Error(`proof of ${index} from tiles: ${ok.reason}`);
      tiles.push(fetched.size);
      bytes.push([...fetched.values()].reduce((s, b) => s + b.length, 0));
      // With the cache kept from the receipts before: only the tiles not fetched yet.
      const added = [...fetched].filter(([key]) => !kept.has(key));
      for (const [key, b] of added) kept.set(key, b.length);
      warmTiles.push(added.length);
      warmBytes.push(added.reduce((s, [, b]) => s + b.length, 0));
      const served = await getBytes(agent, `${prefix}/proof/inclusion?index=${index}&size=${size}`);
      proofBytes.push(served.length);
    }
    const cold = {
      receipts,
      tiles: spread(tiles),
      bytes: spread(bytes),
      proofEndpointBytes: spread(proofBytes),
    };
    // The first receipt of a warm phone is a cold one: the figures are the later receipts'.
    const warm = { tiles: spread(warmTiles.slice(1)), bytes: spread(warmBytes.slice(1)) };
    say(
      `    a receipt from a cold cache: ${cold.tiles.min}–${cold.tiles.max} tiles, mean ${Math.round(cold.bytes.mean)} bytes (proof/inclusion: ${Math.round(cold.proofEndpointBytes.mean)} bytes)`,
    );
    return { path: tilePath, tileBytes: tile.length, cached, floor: floorTiming, cold, warm };
  } finally {
    agent.destroy();
    if (floor) await stopChild(floor.child, 5_000);
    await stopChild(api, 10_000);
  }
}
