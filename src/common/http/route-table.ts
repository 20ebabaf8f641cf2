import FindMyWay from 'find-my-way';

/**
 * The methods registered for each route pattern, so that a request with the wrong method gets
 * 405 with an `Allow` header instead of 404 (Fastify only knows "no route").
 */
export class RouteTable {
  private readonly router = FindMyWay();
  private readonly methodsByUrl = new Map<string, Set<string>>();

  add(methods: string | string[], url: string): void {
    let set = this.methodsByUrl.get(url);
    if (!set) {
      set = new Set();
      this.methodsByUrl.set(url, set);
      const store = set;
      this.router.on('GET', url, () => undefined, { methods: store });
    }
    for (const m of [methods].flat()) set.add(m.toUpperCase());
  }

  /** Methods allowed at this concrete path; empty when no route matches it at all. */
  allowedMethods(path: string): string[] {
    const found = this.router.find('GET', path.split('?')[0]);
    const store = found?.store as { methods: Set<string> } | undefined;
    return store ? [...store.methods].sort() : [];
  }
}
