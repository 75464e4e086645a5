import { Injectable, Logger } from '@nestjs/common';
import type { SecretUnreadable } from './secrets-keyring';

/**
 * Secrets met at run time that no configured key opens. Each is logged once, with its id, and
 * skipped by its reader: the owner's other secrets keep working.
 */
@Injectable()
export class UnreadableSecrets {
  private readonly logger = new Logger('secrets');
  private readonly seen = new Set<string>();

  report(kind: string, id: string, err: SecretUnreadable): void {
    const key = `${kind} ${id}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.logger.warn(
      `${kind} ${id} cannot be opened (${err.message}): skipped; add its key to TANLIAN_SECRETS_KEY or replace the secret`,
    );
  }
}
