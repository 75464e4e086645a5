/**
 * A per-process cache of values derived from rows that a cheap query can vouch for: each entry is
 * kept with the version it was built at, and served only while the caller's freshly read version
 * is the same. Nothing expires by time, so nothing is served stale: a change elsewhere changes the
 * version, and the next read builds anew. The caller reads the version before it builds, so a
 * value is never older than the version it is kept with. Concurrent misses for one key and
 * version share one build.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: string; value: Promise<V> }>();

  constructor(private readonly maxEntries = 10_000) {}

  get(key: string, version: string, build: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.value;
    if (!hit && this.entries.size >= this.maxEntries) this.entries.clear();
    const value = build();
    this.entries.set(key, { version, value });
    // A failed build is not remembered.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
