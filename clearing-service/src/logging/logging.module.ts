import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

// A caller's own request id is kept when it looks like one, so logs join up across systems.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's request id (see bootstrap), taken from x-request-id or made up. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const UNLOGGED =
  /^\/(health|metrics)\b|^\/v1\/programs\/[^/]+\/audit\/(tile\/|proof\/|checkpoint\b)/;

/** JSON logs (pino), one line per request with its request id; secrets are redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          // Fastify already chose the id (and middie copies it onto the raw request): log that one.
          genReqId: (req: IncomingMessage) =>
            (req as IncomingMessage & { id?: string }).id ?? requestIdOf(req),
          redact: [
            'req.headers.authorization',
            'req.headers["webhook-signature"]',
            'req.headers.cookie',
          ],
          // Probes and scrapes come every few seconds; their answers are the metrics, not log lines.
          // Nor the public log's tiles, proofs and checkpoint: phones fetch them by the thousand, a
          // CDN would serve most, and /metrics counts them (tanlian_http_request_duration_seconds
          // by route and status). Their errors still reach the log where they are raised.
          autoLogging: {
            ignore: (req: IncomingMessage) => UNLOGGED.test(req.url ?? ''),
          },
          // A 503 asks the caller to come back (a store or WeChat is down, and that is logged where
          // it is seen): a warning per request, without the error and stack pino makes up for a 5xx.
          customLogLevel: (_req, res, err) =>
            err || (res.statusCode >= 500 && res.statusCode !== 503)
              ? 'error'
              : res.statusCode >= 400
                ? 'warn'
                : 'info',
          customErrorObject: (_req, res, _err, logged: Record<string, unknown>) => {
            if (res.statusCode !== 503) return logged;
            const { err: _madeUp, ...rest } = logged;
            return rest;
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
