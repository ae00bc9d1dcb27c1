/**
 * The one message protocol between the content script, the popup and the background.
 *
 * Every side imports its types from here, and every receiver parses what it gets with the
 * `parse*` functions below: a message is untrusted until parsed (a compromised or confused page
 * context can send anything). Parsers are hand-written and tiny so the content script stays small.
 */
import type { CardData } from "../cards/card-data";

/** Entity ids are kebab-case; anything else is not ours. */
const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_ENTITY_ID_LENGTH = 80;
/** A page cannot mention more distinct entities than the dataset holds; this bounds the work. */
export const MAX_ENTITIES_PER_REQUEST = 500;

export interface EntityCount {
  entity: string;
  count: number;
}

/** Sent to the background. */
export type BackgroundRequest =
  /** Card details for these entities (a card asks for one, "copy page summary" for several). */
  | { type: "cards"; entities: string[] }
  /** The content script's current counts, for the toolbar badge of its tab. */
  | { type: "page-counts"; counts: EntityCount[] };

export interface CardsResponse {
  cards: CardData[];
}

/** Sent by the popup to the content script of a tab. */
export type TabRequest =
  | { type: "page-summary" }
  /** Scroll to the next mention of the entity and flash it. */
  | { type: "jump"; entity: string };

export interface PageSummary {
  url: string;
  title: string;
  /** False when the reader turned Receipts off for this site. */
  enabled: boolean;
  /** In order of first appearance on the page. */
  entities: EntityCount[];
}

export interface JumpResponse {
  found: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isEntityId(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_ENTITY_ID_LENGTH && ENTITY_ID.test(value);
}

function parseEntityList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > MAX_ENTITIES_PER_REQUEST) return null;
  return value.every(isEntityId) ? [...value] : null;
}

function parseCounts(value: unknown): EntityCount[] | null {
  if (!Array.isArray(value) || value.length > MAX_ENTITIES_PER_REQUEST) return null;
  const counts: EntityCount[] = [];
  for (const item of value) {
    if (!isRecord(item) || !isEntityId(item.entity)) return null;
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
