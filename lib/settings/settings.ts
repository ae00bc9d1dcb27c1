/**
 * The reader's settings, in one place. Stored in `storage.local`: nothing is synced or sent
 * anywhere. Each read is validated and falls back to the default, so a value written by another
 * version (or a corrupted store) cannot break a page; a later incompatible format takes a new key.
 */
import type { MarkMode } from "../dataset/types";
import { storedItem } from "./stored-item";

/**
 * A list's strings, its other entries dropped: one bad entry must not empty the list (every site
 * the reader turned off would be on again, and the next switch would store that for good).
 */
const stringsIn = (value: unknown): string[] | undefined =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : undefined;

/** The overrides whose mode is one we know, the others dropped likewise. */
const markModesIn = (value: unknown): Record<string, MarkMode> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value).filter(([, mode]) => mode === "every" || mode === "first"),
      )
    : undefined;

const booleanIn = (value: unknown): boolean | undefined =>
  typeof value === "boolean" ? value : undefined;

/**
 * The sites (`siteOfHost`) where the reader turned Receipts off. Earlier builds stored host
 * names, "www." included: each entry is read as its site.
 */
export const disabledSites = storedItem<string[]>("disabledSites", [], stringsIn);

/**
 * The site a host name belongs to: to the reader www.nytimes.com and nytimes.com are one news site,
 * and Receipts turned off on one is expected off on the other. Every leading "www." goes, so that a
 * site is its own site (the popup hands `setSiteEnabled` the site it names, which folds it again).
 * news.example.com stays a site of its own (a section can be another publisher's), and an IP
 * address or "localhost" has none to drop. Tiny: the content script runs it.
 */
export const siteOfHost = (hostname: string): string => hostname.replace(/^(?:www\.)+/, "");

/**
 * The sites a page belongs to: its own and, in a frame, the top page's, which is the site the
 * popup's switch names: an embed from another site goes off with the page it is on. Chromium
 * and Firefox (153 ESR, tested) tell a frame its ancestors' origins; where a browser does not
 * (Firefox 140 ESR, tested), a frame knows only its own site.
 */
export function sitesOf(place: {
  hostname: string;
  ancestorOrigins?: ArrayLike<string>;
}): string[] {
  const origins = place.ancestorOrigins;
  const top = origins?.[origins.length - 1];
  // An ancestor hidden from the frame reads "null", which has no host.
  const hosts = top && top !== "null" ? [place.hostname, new URL(top).hostname] : [place.hostname];
  return hosts.map(siteOfHost);
}

/**
 * Whether any of a page's sites (`sitesOf`) is one the reader turned off, an earlier build's
 * "www." entry included.
 */
export const isAnySiteOff = (disabled: readonly string[], sites: readonly string[]): boolean =>
  disabled.some((entry) => sites.includes(siteOfHost(entry)));

export async function isSiteEnabled(...sites: string[]): Promise<boolean> {
  return !isAnySiteOff(await disabledSites.getValue(), sites);
}

/**
 * The changes below read a setting and write it back: one made before the last one's write would
 * read the old value and undo it (two mark modes chosen in quick succession, one kept). They
 * therefore run one at a time, under a Web Lock, which the popup and the options page (the two
 * pages that write, both of the extension's origin) share: a site switched in the popup while the
 * options page writes a mark mode waits for that write. Where there are no Web Locks (Node, in
 * tests) a page's changes still run one after another.
 */
const SETTINGS_LOCK = "receipts-settings";
let lastChange: Promise<unknown> = Promise.resolve();
function inTurn(change: () => Promise<void>): Promise<void> {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(SETTINGS_LOCK, change);
  const next = lastChange.then(change);
  // A failed change must not stop the ones after it; its caller hears of the failure.
  lastChange = next.catch(() => undefined);
  return next;
}

/**
 * Turns Receipts on or off for a host's site. Every stored entry of that site goes first, an
 * earlier build's "www." one too: left behind, it would keep the site off after the reader
 * turned it on.
 */
export function setSiteEnabled(host: string, enabled: boolean): Promise<void> {
  const site = siteOfHost(host);
  return inTurn(async () => {
    const others = (await disabledSites.getValue()).filter((entry) => siteOfHost(entry) !== site);
    await disabledSites.setValue(enabled ? others : [...others, site].sort());
  });
}

/** Per-entity override of the dataset's mark mode ("every" mention or only the "first"). */
export const markModeOverrides = storedItem<Record<string, MarkMode>>("markModes", {}, markModesIn);

/** Off by default: frames are mostly ads and embeds, and marking them costs every frame a scan. */
export const markInFrames = storedItem<boolean>("markInFrames", false, booleanIn);

export function setMarkMode(entity: string, mode: MarkMode | null): Promise<void> {
  return inTurn(async () => {
    const current = { ...(await markModeOverrides.getValue()) };
    if (mode === null) delete current[entity];
    else current[entity] = mode;
    await markModeOverrides.setValue(current);
  });
}
