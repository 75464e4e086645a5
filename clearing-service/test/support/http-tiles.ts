// The log's tiles over the live api, as an app fetches them: raw bytes, the sdk's TileSource, and
// the spec-written client (tlog-tiles-client.ts) for entry bundles.
import { formatTilePath, type TileSource } from '@tanlian/sdk';
import type { TestApi } from './test-app';
import { TlogTilesClient } from './tlog-tiles-client';

export const auditPrefix = (code: string) => `/v1/programs/${code}/audit`;

/** GET `path`, its body as bytes whatever the content type. */
export function rawGet(api: TestApi, path: string) {
  return api
    .http()
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** The sdk's TileSource over HTTP; `requested` collects the tile paths it fetched. */
export function httpTileSource(api: TestApi, code: string, requested: string[] = []): TileSource {
  return async (level, index, width) => {
    const path = formatTilePath({ level, index, width });
    requested.push(path);
    const res = await rawGet(api, `${auditPrefix(code)}/${path}`);
    if (res.status !== 200) throw new Error(`tile ${level}/${index}.${width}: ${res.status}`);
    return new Uint8Array(res.body as Buffer);
  };
}

export function httpTilesClient(api: TestApi, code: string, hash: 'sha256' | 'sm3') {
  return new TlogTilesClient(async (path) => {
    const res = await rawGet(api, `${auditPrefix(code)}/${path}`);
    return { status: res.status, body: res.body as Buffer };
  }, hash);
}
