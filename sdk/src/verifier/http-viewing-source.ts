// The bureau's viewing routes (`<url>/v1/programs/<program>/audit/viewing/…`, bureau API key) as a
// ResidentViewSource: each resident key arrives wrapped under the program's viewing key and is
// unwrapped here, so the keys never cross the wire in the clear.
import { logHashByName } from '../audit/hash';
import { keyedHash } from '../audit/resident-entry/keyed-hash';
import { unwrapResidentKey, type ViewingKey } from '../audit/resident-entry/viewing-key';
import {
  AuditResidentBalancesView,
  AuditViewingEntriesView,
  AuditViewingResidentsView,
} from '../contract/audit-viewing';
import { decodeBase64 } from '../encoding/base64';
import { stop } from './discrepancy';
import { AuditJsonClient, type HttpAuditLogSourceOptions } from './http-source';
import type { ResidentViewSource, ViewedResident } from './viewing-source';

export interface HttpViewingSourceOptions extends HttpAuditLogSourceOptions {
  /** A bureau user's API key of the program. */
  readonly apiKey: string;
  readonly viewingKey: ViewingKey;
}

/** The viewing key is not the one the program's keys are wrapped under: a usage error, not a finding. */
export class ViewingKeyMismatch extends Error {
  constructor(
    readonly given: string,
    readonly current: string,
  ) {
    super(
      `the viewing key ${given} is not the program's current viewing key ${current}: ask the program's administrator for the one issued last`,
    );
    this.name = 'ViewingKeyMismatch';
  }
}

export class HttpViewingSource implements ResidentViewSource {
  private readonly json: AuditJsonClient;

  constructor(private readonly options: HttpViewingSourceOptions) {
    this.json = new AuditJsonClient(options, { authorization: `Bearer ${options.apiKey}` });
  }

  async residents(
    after: number,
    limit: number,
  ): Promise<{ residents: ViewedResident[]; next: number | null }> {
    const page = await this.json.get(
      'viewing/residents',
      { after, limit },
      AuditViewingResidentsView,
    );
    const { keyId, key: v } = this.options.viewingKey;
    if (page.viewingKeyId !== keyId) throw new ViewingKeyMismatch(keyId, page.viewingKeyId);
    const hash = logHashByName(page.hash);
    if (hash === undefined) stop('viewing', `the log uses an unknown hash ${page.hash}`);
    const hmac = keyedHash(hash);
    const residents = page.residents.map((r) => ({
      resident: r.resident,
      keys: r.keys.map((k) => {
        const wrapped = decodeBase64(k.wrappedKey);
        const key =
          wrapped === undefined ? undefined : unwrapResidentKey(hmac, v, k.keyId, wrapped);
        if (key === undefined) {
          stop(
            'viewing',
            `resident ${r.resident}'s key ${k.keyId} does not open under the viewing key ${keyId}: its wrapping was altered`,
            { account: r.resident },
          );
        }
        return { fromSeq: k.fromSeq, key };
      }),
    }));
    return { residents, next: page.next };
  }

  entries(start: number, end: number): Promise<AuditViewingEntriesView> {
    return this.json.get('viewing/entries', { start, end }, AuditViewingEntriesView);
  }

  balances(size: number, after: number, limit: number): Promise<AuditResidentBalancesView> {
    return this.json.get('viewing/balances', { size, after, limit }, AuditResidentBalancesView);
  }
}
