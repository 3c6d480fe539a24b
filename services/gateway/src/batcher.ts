/**
 * A tiny DataLoader: `load(key)` calls made in the same tick are answered by one `batch(keys)`
 * call, and each key is fetched at most once per request. graphql-js resolves a list's fields
 * synchronously, so the 1,000 `Trial.params` of an experiment page become one query.
 */
export type BatchFn<K, V> = (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>;

export class Batcher<K, V> {
  private readonly cache = new Map<K, Promise<V>>();
  private queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  /** `fallback(key)` answers keys the batch did not return (e.g. null for a missing row). */
  constructor(
    private readonly batch: BatchFn<K, V>,
    private readonly fallback: (key: K) => V,
  ) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => this.queue.push({ key, resolve, reject }));
    this.cache.set(key, promise);
    if (!this.scheduled) {
      this.scheduled = true;
      // After the current microtasks (resolvers of sibling fields), like DataLoader's default.
      void Promise.resolve().then(() => process.nextTick(() => void this.flush()));
    }
    return promise;
  }

  loadMany(keys: readonly K[]): Promise<V[]> {
    return Promise.all(keys.map((k) => this.load(k)));
  }

  /** Seed the cache with a value already read (e.g. rows of a list query). */
  prime(key: K, value: V): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value));
  }

  private async flush(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.scheduled = false;
    const keys = [...new Set(queue.map((q) => q.key))];
    try {
      const found = await this.batch(keys);
      for (const q of queue) q.resolve(found.has(q.key) ? (found.get(q.key) as V) : this.fallback(q.key));
    } catch (err) {
      // A failed batch must not poison the cache for a retry in a later request.
      for (const q of queue) {
        this.cache.delete(q.key);
        q.reject(err);
      }
    }
  }
}
