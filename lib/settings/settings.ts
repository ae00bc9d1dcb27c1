/**
 * The reader's settings, in one place, versioned so later changes can migrate them.
 * Stored in `storage.local`: nothing is synced or sent anywhere.
 */
import { storage } from "wxt/utils/storage";

/** Hostnames where the reader turned Receipts off. */
export const disabledSites = storage.defineItem<string[]>("local:disabledSites", {
  fallback: [],
  version: 1,
});

export async function isSiteEnabled(hostname: string): Promise<boolean> {
  return !(await disabledSites.getValue()).includes(hostname);
}

export async function setSiteEnabled(hostname: string, enabled: boolean): Promise<void> {
  const current = await disabledSites.getValue();
  const others = current.filter((site) => site !== hostname);
  await disabledSites.setValue(enabled ? others : [...others, hostname].sort());
}
