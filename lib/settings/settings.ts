/**
 * The reader's settings, in one place, versioned so later changes can migrate them.
 * Stored in `storage.local`: nothing is synced or sent anywhere.
 */
import { storage } from "wxt/utils/storage";
import type { MarkMode } from "../dataset/types";

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

/** Per-entity override of the dataset's mark mode ("every" mention or only the "first"). */
export const markModeOverrides = storage.defineItem<Record<string, MarkMode>>("local:markModes", {
  fallback: {},
  version: 1,
});

/** Off by default: frames are mostly ads and embeds, and marking them costs every frame a scan. */
export const markInFrames = storage.defineItem<boolean>("local:markInFrames", {
  fallback: false,
  version: 1,
});

export async function setMarkMode(entity: string, mode: MarkMode | null): Promise<void> {
  const current = { ...(await markModeOverrides.getValue()) };
  if (mode === null) delete current[entity];
  else current[entity] = mode;
  await markModeOverrides.setValue(current);
}
