/**
 * The one message protocol between the content script, the popup and the background.
 *
 * Every side imports its types from here, and every receiver parses what it gets with the
 * `parse*` functions below: a message is untrusted until parsed (a compromised or confused page
 * context can send anything). Parsers are hand-written and tiny so the content script stays small.
 */
import type { CardData } from "../cards/card-data";
import type { SieveSpec } from "../matching/sieve";

/** Entity ids are kebab-case; anything else is not ours. */
const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_ENTITY_ID_LENGTH = 80;
/** A page cannot mention more distinct entities than the dataset holds; this bounds the work. */
const MAX_ENTITIES_PER_REQUEST = 500;

export interface EntityCount {
  entity: string;
  count: number;
}

/**
 * The frame id of a tab's top-level document (`runtime.MessageSender.frameId`): the page the
 * popup summarises and the badge counts, whatever its frames mark.
 */
export const TOP_FRAME_ID = 0;

/** Sent to the background. */
export type BackgroundRequest =
  /** Card details for these entities (a card asks for one, "copy page summary" for several). */
  | { type: "cards"; entities: string[] }
  /** The content script's current counts, for the toolbar badge of its tab. */
  | { type: "page-counts"; counts: EntityCount[] }
  /** The page sieve, from a page that cannot check the stored one (plain http, decision 0009). */
  | { type: "sieve" }
  /**
   * The card's style sheet, asked once a page when its first card opens: only cards need it, so
   * it is not carried by the content script every page loads (decision 0012).
   */
  | { type: "card-style" };

export interface CardsResponse {
  cards: CardData[];
}

export interface SieveResponse {
  spec: SieveSpec | null;
}

export interface CardStyleResponse {
  css: string;
}

/** Sent by the popup to the content script of a tab. */
export type TabRequest =
  | { type: "page-summary" }
  /** Scroll to the next mention of the entity and flash it. */
  | { type: "jump"; entity: string };

/**
 * How far the page's first pass is: "starting" before it began (settings still being read),
 * "marking" while it runs in slices (the counts so far are partial), "done" after it (or when
 * Receipts is off for the site). The popup asks again until "done".
 */
export type PageProgress = "starting" | "marking" | "done";
const PAGE_PROGRESS: readonly PageProgress[] = ["starting", "marking", "done"];

export interface PageSummary {
  url: string;
  title: string;
  /** False when the reader turned Receipts off for this site. */
  enabled: boolean;
  progress: PageProgress;
  /** In order of first appearance on the page. */
  entities: EntityCount[];
}

/**
 * The longest address a browser keeps (Chrome's `url::kMaxURLChars`; Firefox's is 1 MB). Any page
 * can give itself one that long (`history.pushState`): a shorter bound would let it make the popup
 * say it cannot read the page, and hide the site switch.
 */
const MAX_ADDRESS_LENGTH = 2 * 1024 * 1024;
/**
 * Longer than any title a summary cites. A page sets its own title, as long as it likes: a longer
 * one is cut rather than refused, for the same reason.
 */
export const MAX_SUMMARY_TITLE_LENGTH = 8_192;

export interface JumpResponse {
  found: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEntityId(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_ENTITY_ID_LENGTH && ENTITY_ID.test(value);
}

/** Each entity at most once: a repeat would only make the answer longer. */
function parseEntityList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_ENTITIES_PER_REQUEST) return null;
  return value.every(isEntityId) && new Set(value).size === value.length ? [...value] : null;
}

/** Each entity at most once: a page counts each once, so a repeat is no count of ours. */
function parseCounts(value: unknown): EntityCount[] | null {
  if (!Array.isArray(value) || value.length > MAX_ENTITIES_PER_REQUEST) return null;
  const counts: EntityCount[] = [];
  const seen = new Set<string>();
  for (const item of value) {
    if (!isRecord(item) || !isEntityId(item.entity) || seen.has(item.entity)) return null;
    seen.add(item.entity);
    const count = item.count;
    if (typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) return null;
    counts.push({ entity: item.entity, count });
  }
  return counts;
}

/** Returns the request, or null for anything that is not exactly one of ours. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (!isRecord(message)) return null;
  switch (message.type) {
    case "cards": {
      const entities = parseEntityList(message.entities);
      return entities && { type: "cards", entities };
    }
    case "page-counts": {
      const counts = parseCounts(message.counts);
      return counts && { type: "page-counts", counts };
    }
    case "sieve":
      return { type: "sieve" };
    case "card-style":
      return { type: "card-style" };
    default:
      return null;
  }
}

export function parseTabRequest(message: unknown): TabRequest | null {
  if (!isRecord(message)) return null;
  if (message.type === "page-summary") return { type: "page-summary" };
  if (message.type === "jump" && isEntityId(message.entity)) {
    return { type: "jump", entity: message.entity };
  }
  return null;
}

/** A tab's answer to "jump": found only when it says exactly so. */
export function parseJumpResponse(value: unknown): JumpResponse {
  return { found: isRecord(value) && value.found === true };
}

function isWebAddress(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * A tab's answer to "page-summary", or null for anything else. The answer comes from a content
 * script in a page the popup cannot vouch for: only a web page's address, a title (cut to
 * length) and well-formed counts pass.
 */
export function parsePageSummary(value: unknown): PageSummary | null {
  if (!isRecord(value) || typeof value.url !== "string" || typeof value.title !== "string") {
    return null;
  }
  if (value.url.length > MAX_ADDRESS_LENGTH || !isWebAddress(value.url)) return null;
  if (typeof value.enabled !== "boolean") return null;
  const progress = PAGE_PROGRESS.find((known) => known === value.progress);
  const entities = parseCounts(value.entities);
  if (!progress || !entities) return null;
  // Not half of a character at the cut.
  const title = value.title.slice(0, MAX_SUMMARY_TITLE_LENGTH).replace(/[\uD800-\uDBFF]$/, "");
  return { url: value.url, title, enabled: value.enabled, progress, entities };
}
