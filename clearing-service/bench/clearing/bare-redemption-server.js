// The floor for holds and captures over HTTP: bare Fastify (the api's HTTP layer) answering the
// same three routes with a body the size of the api's, and nothing else: no Nest, no guard, no
// idempotency, no database.
const fastify = require('fastify')({ logger: false });

let n = 0;
const view = (status) => ({
  id: `rd_${(++n).toString(16).padStart(16, '0')}`,
  status,
  merchant: 'm0001',
  merchantOrderId: null,
  heldPoints: 5,
  capturedPoints: status === 'captured' ? 5 : 0,
  refundedPoints: 0,
  createdAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 900_000).toISOString(),
  allocations: [{ issuer: 'iss01', expiresOn: '2028-06-30', heldPoints: 5, capturedPoints: 0 }],
});
fastify.post('/v1/programs/:p/residents/me/redemption-codes', (_q, reply) =>
  reply
    .code(201)
    .send({ id: 'rc_0000000000000000', code: 'RC' + 'A'.repeat(32), status: 'active' }),
);
fastify.post('/v1/programs/:p/participants/:m/redemptions', (_q, reply) =>
  reply.code(201).send(view('held')),
);
fastify.post('/v1/programs/:p/participants/:m/redemptions/:id/capture', (_q, reply) =>
  reply.send(view('captured')),
);
fastify.get('/health/ready', (_q, reply) => void reply.send('ok'));
void fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
