import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Store } from '../../src/store/types.ts';

type Test = (title: string, fn: () => Promise<void>) => void;

/**
 * A describe block over one opened and migrated store (migrated twice: migrations are idempotent).
 * Its tests skip when `open` gives null (PostgreSQL not there, outside CI). `store` forwards to the
 * opened store, so suites use it like the store itself.
 */
export function storeSuite(
  title: string,
  open: () => Promise<Store | null>,
  body: (store: Store, test: Test) => void,
): void {
  describe(title, () => {
    let opened: Store | null = null;
    beforeAll(async () => {
      opened = await open();
      await opened?.migrate();
      await opened?.migrate();
    });
    afterAll(async () => {
      await opened?.close();
    });
    const store = new Proxy({} as Store, { get: (_, key) => opened?.[key as keyof Store] });
    body(store, (name, fn) =>
      it(name, async (ctx) => {
        if (!opened) ctx.skip();
        await fn();
      }),
    );
  });
}
