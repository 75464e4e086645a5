// The floor for the account page: bare Fastify (the api's HTTP layer) answering one route with the
// very bytes and content type the api sent for the page, and nothing else: no Nest, no guard, no
// session check, no queries, no serialisation. The api's page is measured against this.
const { readFileSync } = require('node:fs');
const fastify = require('fastify')({ logger: false });

const bytes = readFileSync(process.env.PAGE_FILE);
fastify.get('/page', (_request, reply) => {
  void reply.header('content-type', 'application/json; charset=utf-8').send(bytes);
});
fastify.get('/health/ready', (_request, reply) => void reply.send('ok'));
void fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
