import { z } from 'zod';
import { FAULT_POINTS, type FaultPoint } from './fault-points';

// Configuration is read once, from the environment, and validated in namespaces (one per concern).
// Every variable is listed here with its default, so this file is the reference for operators.

const mysqlUrl = z
  .string({ error: 'is required (a mysql:// URL, e.g. mysql://root@127.0.0.1:3306/tanlian)' })
  .regex(/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+$/, {
    message: 'must be a mysql:// URL naming a database, e.g. mysql://root@127.0.0.1:3306/tanlian',
  });

const redisUrl = z
  .string({ error: 'is required (a redis:// URL, e.g. redis://127.0.0.1:6379)' })
  .regex(/^rediss?:\/\//, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' });

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int({ message: 'must be a port number' })
  .min(0, { message: 'must be between 0 and 65535' })
  .max(65535, { message: 'must be between 0 and 65535' });

const wholeNumber = z.coerce
  .number({ error: 'must be a whole number' })
  .int({ message: 'must be a whole number' });
const positiveInt = wholeNumber.positive({ message: 'must be positive' });

// A keyring: comma-separated base64 keys of 32 bytes; the first seals, every one opens (rotation).
const secretsKeyring = z
  .string({ error: 'is required (base64 of 32 random bytes: openssl rand -base64 32)' })
  .refine((v) => v.split(',').every((k) => /^[A-Za-z0-9+/]{43}=$/.test(k.trim())), {
    message:
      'must be comma-separated base64 keys of exactly 32 bytes, the sealing key first (openssl rand -base64 32)',
  });

/** Environment variable → namespace.key. The order here is the order errors are reported in. */
export const configSchema = z.object({
  DATABASE_URL: mysqlUrl,
  DATABASE_POOL_SIZE: positiveInt.default(10),
  // How long an api request waits on MySQL (a connection, then each statement) before it answers
  // 503 storage_unavailable instead of hanging on a dead server.
  STORAGE_TIMEOUT_MS: positiveInt
    .min(100, { message: 'must be 100-60000' })
    .max(60_000, { message: 'must be 100-60000' })
    .default(2000),
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:{}-]+$/, { message: 'may hold letters, digits, _ : - { } only' })
    .default('{tanlian}'),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
  HTTP_BODY_LIMIT_BYTES: positiveInt.default(1024 * 1024),
  // Subscribe-message templates of the mini-program (公众平台 → 订阅消息), one per topic; unset: the
  // app does not ask for that topic. Expiry reminders go for lots expiring within the days given.
  WECHAT_TEMPLATE_REDEMPTION_RESULT: z.string().min(1).max(128).optional(),
  WECHAT_TEMPLATE_EXPIRY_REMINDER: z.string().min(1).max(128).optional(),
  EXPIRY_REMINDER_DAYS: positiveInt.max(60, { message: 'must be at most 60' }).default(7),
  NOTIFY_INTERVAL_MS: positiveInt.default(5000),
  // Browser apps on other origins that may call the api (the H5 build, the console): exact
  // origins, comma-separated, e.g. https://h5.example.cn,https://console.example.cn. None by default.
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine(
      (v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== '')
          .every((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)),
      { message: 'must be origins like https://h5.example.cn, comma-separated (no path, no *)' },
    ),
  TANLIAN_SECRETS_KEY: secretsKeyring,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The mini-program's credentials for code2Session; both or neither (load-config checks the pair).
  // Without them residents sign in through the development provider (dev:<name>): H5, demo, tests.
  WECHAT_APP_ID: z
    .string()
    .regex(/^wx[0-9A-Za-z]{16}$/, { message: 'must be an AppID like wx0123456789abcdef' })
    .optional(),
  WECHAT_APP_SECRET: z
    .string()
    .regex(/^[0-9A-Za-z]{32}$/, { message: 'must be the 32-character AppSecret' })
    .optional(),
  // The worker's checkpoint signing keys, `name+base64(32-byte Ed25519 seed)`, comma-separated, in
  // order of preference: a log is signed with the first one registered and active for it. Unset: a
  // development key generated once and kept sealed in the database, with a warning
  // (src/audit/README.md).
  AUDIT_SIGNING_KEYS: z
    .string()
    .regex(/^[^\s+,]+\+[A-Za-z0-9+/]{43}=(,[^\s+,]+\+[A-Za-z0-9+/]{43}=)*$/, {
      message: 'must be comma-separated name+base64(32-byte Ed25519 seed) entries',
    })
    .optional(),
  AUDIT_ORIGIN_PREFIX: z
    .string()
    .regex(/^[a-z0-9.-]+(\/[a-z0-9._-]+)*$/, { message: 'must look like tanlian.example' })
    .default('tanlian.local'),
  AUDIT_INTEGRATE_INTERVAL_MS: positiveInt.default(1000),
  // How often the worker re-verifies each program's log against its own ledger (the fsck).
  AUDIT_FSCK_INTERVAL_MS: positiveInt.default(3_600_000),
  // Crediting batches of one program the worker runs at once (src/crediting/README.md).
  CREDITING_LANES: positiveInt.max(8, { message: 'must be at most 8' }).default(2),
  // The worker process's nice value (0-19): how far it yields the CPU to the api on shared cores.
  WORKER_NICE: wholeNumber
    .min(0, { message: 'must be 0-19' })
    .max(19, { message: 'must be 0-19' })
    .default(5),
  // Tests only: the fault point where the process kills itself (src/config/fault-points.ts).
  TANLIAN_FAULT: z
    .enum(FAULT_POINTS, { message: `must be one of ${FAULT_POINTS.join(', ')}` })
    .optional(),
  NODE_ENV: z.string().optional(),
});

export interface AppConfig {
  database: { url: string; poolSize: number };
  redis: { url: string; queuePrefix: string };
  storage: { timeoutMs: number };
  http: { host: string; port: number; bodyLimitBytes: number; corsOrigins: string[] };
  notifications: {
    templates: { redemption_result: string | null; expiry_reminder: string | null };
    expiryReminderDays: number;
    intervalMs: number;
  };
  /** The first key seals; every key opens what it sealed (src/secrets/README.md). */
  secrets: { keys: Buffer[] };
  log: { level: z.infer<typeof configSchema>['LOG_LEVEL'] };
  /** Null: residents sign in through the development provider (see src/residents/wechat). */
  wechat: { appId: string; appSecret: string } | null;
  /** signingKeys null: the development key kept in the database (see src/audit/README.md). */
  audit: {
    originPrefix: string;
    signingKeys: { name: string; seed: Buffer }[] | null;
    integrateIntervalMs: number;
    fsckIntervalMs: number;
  };
  crediting: { lanes: number; workerNice: number };
  /** Tests only (crash tests): where the process SIGKILLs itself; null in every real deployment. */
  faultPoint: FaultPoint | null;
}
