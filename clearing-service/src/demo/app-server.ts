// The demo's web apps (the mini-program's H5 build, the console): a built directory served as it
// is, with the api behind the same origin, so the apps call `/v1/…` with no CORS and no API base
// baked into their builds. Browser tests of the apps start the same server (one twin fewer).
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/** Paths the server hands to the api as they are; everything else is a file of the app. */
const API_PREFIXES = ['/v1/', '/health/', '/metrics', '/docs'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export interface AppServerOptions {
  /** The app's built directory; it must hold index.html. */
  dir: string;
  host: string;
  port: number;
  /** The api's origin, e.g. http://127.0.0.1:3000. */
  api: string;
  /** Served at /app-config.json: what the app needs to know at run time (its program, say). */
  appConfig?: Record<string, unknown>;
}

/** True when `dir` holds a built app (its index.html). */
export function isBuiltApp(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Starts serving; resolves once listening. */
export function serveApp(options: AppServerOptions): Promise<http.Server> {
  const root = normalize(options.dir);
  const api = new URL(options.api);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (API_PREFIXES.some((p) => url.startsWith(p))) return proxy(req, res, api);
    if (url === '/app-config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return void res.end(JSON.stringify(options.appConfig ?? {}));
    }
    const path = decodeURIComponent(url.split('?')[0]);
    const file = normalize(join(root, path));
    // A path that climbs out of the app's directory is not a file of the app.
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404);
      return void res.end();
    }
    const found = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(found)] ?? 'application/octet-stream',
      // index.html names the hashed bundles: never cache it, so a rebuild shows at once.
      'cache-control': found.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    createReadStream(found).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

function proxy(req: http.IncomingMessage, res: http.ServerResponse, api: URL): void {
  const upstream = http.request(
    {
      host: api.hostname,
      port: api.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: api.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        statusCode: 502,
        error: 'Bad Gateway',
        code: 'api_unreachable',
        message: `the api at ${api.origin} did not answer: ${err.message}`,
      }),
    );
  });
  req.pipe(upstream);
}
