/**
 * The reader's settings, in one place. Stored in `storage.local`: nothing is synced or sent
 * anywhere. Each read is validated and falls back to the default, so a value written by another
 * version (or a corrupted store) cannot break a page; a later incompatible format takes a new key.
 */
import type { MarkMode } from "../dataset/types";
import { storedItem } from "./stored-item";

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

const isMarkModes = (value: unknown): value is Record<string, MarkMode> =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((mode) => mode === "every" || mode === "first");

const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";

/** Hostnames where the reader turned Receipts off. */
export const disabledSites = storedItem<string[]>("disabledSites", [], isStringArray);

export async function isSiteEnabled(hostname: string): Promise<boolean> {
  return !(await disabledSites.getValue()).includes(hostname);
}

export async function setSiteEnabled(hostname: string, enabled: boolean): Promise<void> {
  const current = await disabledSites.getValue();
  const others = current.filter((site) => site !== hostname);
  await disabledSites.setValue(enabled ? others : [...others, hostname].sort());
}

/** Per-entity override of the dataset's mark mode ("every" mention or only the "first"). */
export const markModeOverrides = storedItem<Record<string, MarkMode>>("markModes", {}, isMarkModes);

/** Off by default: frames are mostly ads and embeds, and marking them costs every frame a scan. */
export const markInFrames = storedItem<boolean>("markInFrames", false, isBoolean);

export async function setMarkMode(entity: string, mode: MarkMode | null): Promise<void> {
  const current = { ...(await markModeOverrides.getValue()) };
  if (mode === null) delete current[entity];
  else current[entity] = mode;
  await markModeOverrides.setValue(current);
}
