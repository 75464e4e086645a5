// Inclusion proofs of the proof log through the real HTTP endpoint of an api process (sequential
// requests, client-observed, alternating with a bare Fastify floor serving one answer's bytes), the same proofs built in-process by AuditLogReader (service side
// alone), and the sdk's verifyReceipt on receipts taken from those HTTP answers.
import {
  parseVerifierKey,
  sha256LogHash,
  verifyNote,
  verifyReceipt,
  type AuditInclusionProofView,
  type AuditKeysView,
  type NoteVerifierKey,
  type ReceiptInput,
} from '@tanlian/sdk';
import { Agent, get as httpGet } from 'node:http';
import { AuditLogReader } from '../../src/audit/services/audit-log-reader';
import { Prng } from '../../src/demo/simulator';
import { startChild, stopChild, waitForReady, type Child } from '../shared/processes';
import { getBytes, startFloor } from './http-floor';
import { timing, type Timing } from './timing';
import { freePort } from './context';
import type { ProofLog } from './proof-log';

export type { Timing } from './timing';

export interface ProofResult {
  http: Timing;
  /** Bare Fastify returning one proof answer's bytes and headers, its requests alternating. */
  floor: Timing;
  /** Hashes in each proof (the same for every index of a 2^k-unbalanced tree up to one). */
  proofHashes: number;
  inProcess: Timing;
  receipts: ReceiptInput[];
}

export async function measureProofs(
  log: ProofLog,
  requests: number,
  say: (s: string) => void,
): Promise<ProofResult> {
  const r = new Prng(0x9f00f);
  const indexes = (n: number) => Array.from({ length: n }, () => r.int(0, log.size - 1));
  const warmup = Math.max(100, Math.round(requests / 10));

  const port = await freePort();
  const api = startChild('api', 'main.api.js', { ...log.env, HTTP_PORT: String(port) }, null);
  const base = `http://127.0.0.1:${port}`;
  let http: Timing;
  let floor: Timing;
  let floorServer: { child: Child; base: string } | null = null;
  const floorAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  // node:http with one kept-alive connection, as an auditor's client would hold one: undici's
  // fetch adds its own per-request cost and garbage to the client-observed time.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const receipts: ReceiptInput[] = [];
  let proofHashes = 0;
  try {
    await waitForReady(base, [api]);
    say(`api (pid ${api.process.pid}) ready at ${base}`);
    const prefix = `${base}/v1/programs/${log.program.code}/audit`;
    const note = await (await fetch(`${prefix}/checkpoint`)).text();
    const keys = (await (await fetch(`${prefix}/keys`)).json()) as AuditKeysView;
    const trustedKeys: NoteVerifierKey[] = keys.keys.map((k) => {
      const parsed = parseVerifierKey(k.vkey);
      if (!parsed.ok) throw new Error(`the api published a bad key: ${parsed.reason}`);
      return parsed.key;
    });
    const answer = (index: number) =>
      new Promise<{ body: string; contentType: string; cacheControl?: string }>(
        (resolve, reject) => {
          const url = `${prefix}/proof/inclusion?index=${index}&size=${log.size}`;
          httpGet(url, { agent }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const body = Buffer.concat(chunks).toString('utf8');
              if (res.statusCode !== 200)
                reject(new Error(`inclusion proof of ${index}: HTTP ${res.statusCode} ${body}`));
              else
                resolve({
                  body,
                  contentType: String(res.headers['content-type']),
                  cacheControl: res.headers['cache-control'],
                });
            });
          }).on('error', reject);
        },
      );
    const get = async (index: number) =>
      JSON.parse((await answer(index)).body) as AuditInclusionProofView;
    for (const index of indexes(warmup)) await get(index);
    // The floor: bare Fastify with one answer's bytes and headers (every proof is the same size).
    const sample = await answer(indexes(1)[0]);
    floorServer = await startFloor(Buffer.from(sample.body), {
      contentType: sample.contentType,
      cacheControl: sample.cacheControl ?? 'no-store',
    });
    const floorUrl = `${floorServer.base}/tile`;
    const ms: number[] = [];
    const floorMs: number[] = [];
    for (let i = 0; i < warmup; i++) await getBytes(floorAgent, floorUrl);
    for (const index of indexes(requests)) {
      let t0 = performance.now();
      const proof = await get(index);
      ms.push(performance.now() - t0);
      t0 = performance.now();
      await getBytes(floorAgent, floorUrl);
      floorMs.push(performance.now() - t0);
      proofHashes = Math.max(proofHashes, proof.proof.length);
      if (receipts.length < 100)
        receipts.push({
          hash: sha256LogHash,
          leafData: Buffer.from(proof.leafData, 'base64'),
          leafIndex: proof.leafIndex,
          inclusionProof: proof.proof.map((p) => Buffer.from(p, 'base64')),
          checkpointNote: note,
          trustedKeys,
          origin: keys.origin,
        });
    }
    http = timing(ms);
    floor = timing(floorMs);
  } finally {
    agent.destroy();
    floorAgent.destroy();
    if (floorServer) await stopChild(floorServer.child, 5_000);
    await stopChild(api, 10_000);
  }
  if (api.lines.some((l) => /"level":(50|60)/.test(l)))
    say(`the api logged errors: ${api.lines.filter((l) => /"level":(50|60)/.test(l))[0]}`);

  // The service side alone: the reader in this process (one checkpoint, one subtree, one leaf query).
  const reader = log.ctx.get(AuditLogReader);
  for (const index of indexes(warmup)) await reader.inclusion(log.program, index, log.size);
  const ms: number[] = [];
  for (const index of indexes(requests)) {
    const t0 = performance.now();
    await reader.inclusion(log.program, index, log.size);
    ms.push(performance.now() - t0);
  }
  return { http, floor, proofHashes, inProcess: timing(ms), receipts };
}

/**
 * verifyReceipt (the built sdk, as the mini-program runs it): warm-up, then `count` timed calls;
 * then the signature check alone (verifyNote over the same checkpoint), to say where it goes.
 */
export function measureReceipts(
  receipts: readonly ReceiptInput[],
  count: number,
): { receipt: Timing; signature: Timing } {
  if (receipts.length === 0) throw new Error('no receipts to verify');
  for (let i = 0; i < 200; i++) verifyOrThrow(receipts[i % receipts.length]);
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const receipt = receipts[i % receipts.length];
    const t0 = performance.now();
    const result = verifyReceipt(receipt);
    ms.push(performance.now() - t0);
    if (!result.ok) throw new Error(`receipt of leaf ${receipt.leafIndex}: ${result.reason}`);
  }
  const signature: number[] = [];
  for (let i = 0; i < count; i++) {
    const { checkpointNote, trustedKeys } = receipts[i % receipts.length];
    const t0 = performance.now();
    verifyNote(checkpointNote, trustedKeys);
    signature.push(performance.now() - t0);
  }
  return { receipt: timing(ms), signature: timing(signature) };
}

function verifyOrThrow(receipt: ReceiptInput): void {
  const result = verifyReceipt(receipt);
  if (!result.ok)
    throw new Error(
      `receipt of leaf ${receipt.leafIndex} does not verify: ${result.step}: ${result.reason}`,
    );
}
