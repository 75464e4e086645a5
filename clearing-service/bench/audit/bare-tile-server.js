// The floor for a cached tile (or a proof) request: bare Fastify (the api's HTTP layer) answering
// one route with the same bytes and headers the api sends for it, and nothing else: no Nest, no
// guard, no logging, no lookups. The api's answer is measured against this. CONTENT_TYPE and
// CACHE_CONTROL: the api's headers for what is served (default: a full tile's).
const { readFileSync } = require('node:fs');
const fastify = require('fastify')({ logger: false });

const bytes = readFileSync(process.env.TILE_FILE);
fastify.get('/tile', (_request, reply) => {
  void reply
    .header('content-type', process.env.CONTENT_TYPE ?? 'application/octet-stream')
    .header('cache-control', process.env.CACHE_CONTROL ?? 'public, max-age=31536000, immutable')
    .send(bytes);
});
fastify.get('/health/ready', (_request, reply) => void reply.send('ok'));
void fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
