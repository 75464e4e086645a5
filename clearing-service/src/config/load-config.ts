import { AppConfig, configSchema } from './app-config';
import { withSigningKeysFromFile } from './signing-keys-file';

/** A configuration problem that must stop the process; its message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const keysFile = withSigningKeysFromFile(env);
  if ('error' in keysFile) throw new ConfigError(`config error: ${keysFile.error}`);
  const parsed = configSchema.safeParse(keysFile.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    let variable = String(issue.path[0] ?? 'environment');
    if (variable === 'AUDIT_SIGNING_KEYS' && env.AUDIT_SIGNING_KEYS_FILE) {
      variable = 'AUDIT_SIGNING_KEYS_FILE'; // its content, so name the variable the operator set
    }
    throw new ConfigError(`config error: ${variable} ${issue.message}`);
  }
  const e = parsed.data;
  if ((e.WECHAT_APP_ID === undefined) !== (e.WECHAT_APP_SECRET === undefined)) {
    const [missing, given] = e.WECHAT_APP_ID
      ? ['WECHAT_APP_SECRET', 'WECHAT_APP_ID']
      : ['WECHAT_APP_ID', 'WECHAT_APP_SECRET'];
    throw new ConfigError(`config error: ${missing} is required when ${given} is set`);
  }
  if (e.TANLIAN_FAULT && e.NODE_ENV === 'production')
    throw new ConfigError(
      'config error: TANLIAN_FAULT is for crash tests, never with NODE_ENV=production',
    );
  return {
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    redis: { url: e.REDIS_URL, queuePrefix: e.QUEUE_PREFIX },
    storage: { timeoutMs: e.STORAGE_TIMEOUT_MS },
    http: {
      host: e.HTTP_HOST,
      port: e.HTTP_PORT,
      bodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES,
      corsOrigins: e.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    },
    notifications: {
      templates: {
        redemption_result: e.WECHAT_TEMPLATE_REDEMPTION_RESULT ?? null,
        expiry_reminder: e.WECHAT_TEMPLATE_EXPIRY_REMINDER ?? null,
      },
      expiryReminderDays: e.EXPIRY_REMINDER_DAYS,
      intervalMs: e.NOTIFY_INTERVAL_MS,
    },
    secrets: { keys: e.TANLIAN_SECRETS_KEY.split(',').map((k) => Buffer.from(k.trim(), 'base64')) },
    log: { level: e.LOG_LEVEL },
    wechat:
      e.WECHAT_APP_ID && e.WECHAT_APP_SECRET
        ? { appId: e.WECHAT_APP_ID, appSecret: e.WECHAT_APP_SECRET }
        : null,
    audit: {
      originPrefix: e.AUDIT_ORIGIN_PREFIX,
      signingKeys:
        e.AUDIT_SIGNING_KEYS?.split(',').map((entry) => {
          const at = entry.indexOf('+');
          return { name: entry.slice(0, at), seed: Buffer.from(entry.slice(at + 1), 'base64') };
        }) ?? null,
      integrateIntervalMs: e.AUDIT_INTEGRATE_INTERVAL_MS,
      fsckIntervalMs: e.AUDIT_FSCK_INTERVAL_MS,
    },
    crediting: { lanes: e.CREDITING_LANES, workerNice: e.WORKER_NICE },
    faultPoint: e.TANLIAN_FAULT ?? null,
  };
}

/** For entry points: load the configuration or print the one line and exit non-zero. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
