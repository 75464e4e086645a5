import { AuditProofEdge } from './audit/services/audit-proof-edge';
import { AuditTileEdge } from './audit/services/audit-tile-edge';
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { AppConfig } from './config/app-config';
import { armFaultPoint } from './config/fault-points';
import { attachCors } from './http/cors';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { requestIdOf } from './logging/logging.module';
import { MetricsService } from './metrics/metrics.service';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { WorkerModule } from './worker.module';

/** Builds the api application exactly as production runs it; tests call this too. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: true,
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Operators' webhook signatures are over the exact bytes they sent.
    rawBody: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  echoRequestId(app);
  attachCors(app.getHttpAdapter().getInstance(), config.http.corsOrigins);
  // After the request id (which its answers carry too), before Nest's routing of the request.
  app.get(AuditTileEdge).attach(app.getHttpAdapter().getInstance());
  app.get(AuditProofEdge).attach(app.getHttpAdapter().getInstance());
  // Registered on the app (not as APP_FILTER) so it also formats errors raised before routing: bad JSON, 413.
  app.useGlobalFilters(new HttpExceptionFilter());
  recordHttpMetrics(app);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  armFaultPoint(config.faultPoint);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** Every answer names its request id, so a caller can quote it when reporting a problem. */
function echoRequestId(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      done();
    });
}

function recordHttpMetrics(app: NestFastifyApplication): void {
  const histogram = app.get(MetricsService).httpDuration;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    histogram.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
