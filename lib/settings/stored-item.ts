/**
 * One typed value in `storage.local`. Our own few lines instead of WXT's storage utility, whose
 * migrations, metadata and snapshots cost the content script several KB it never used.
 */
import { browser, type Browser } from "wxt/browser";

export interface StoredItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with each new value (the fallback once removed); returns the unwatch function. */
  watch(callback: (value: T) => void): () => void;
}

/**
 * `read` makes every stored value a T: the store may hold another version's format or be
 * corrupted. It keeps what it can of a value (a list's good entries) and gives undefined for what
 * it cannot read at all, which reads as `fallback`. Keys are the bare storage keys, as WXT stored
 * them for `local:<key>` (its `<key>$` metadata entries are simply never read).
 */
export function storedItem<T>(
  key: string,
  fallback: T,
  read: (value: unknown) => T | undefined,
): StoredItem<T> {
  // A copy each time: a caller that changes what it read must not change the default.
  const validated = (value: unknown): T => read(value) ?? structuredClone(fallback);
  return {
    async getValue() {
      const stored = await browser.storage.local.get(key);
      return validated(stored[key]);
    },
    async setValue(value) {
      await browser.storage.local.set({ [key]: value });
    },
    watch(callback) {
      const listener = (
        changes: Record<string, Browser.storage.StorageChange>,
        area: string,
      ): void => {
        const change = changes[key];
        if (area !== "local" || !change) return;
        const value = validated(change.newValue);
        // Rewriting the same value still fires onChanged; callers react (re-mark) only to changes.
        if (JSON.stringify(value) === JSON.stringify(validated(change.oldValue))) return;
        callback(value);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
