/**
 * The page sieve (lib/matching/sieve.ts) kept in `storage.local` from one page to the next, the
 * way uBlock Origin keeps its compiled filters. Building it cost a cold engine 10 to 25 ms in
 * every page's first task; made from the stored data it costs about a millisecond. The background
 * builds and stores it once per build of the extension; each content script adopts it, or reads
 * every block when there is none for this build. Decision 0009.
 *
 * Content scripts can write `storage.local` too, so a page renderer taken over could store a
 * record of its own: a pattern that backtracks for seconds, or one that finds nothing. A record
 * is adopted only if its sieve is, byte for byte, the one this build makes: the build's key is
 * the SHA-256 of that sieve (wxt.config.ts), and the stored sieve must hash to it.
 */
import type { MatchIndex } from "../dataset/types";
import { compileMatcher, type Matcher } from "../matching";
import { adoptSieve, specOfSieve, type SieveSpec } from "../matching/sieve";
import { sieveFor } from "../matching/sieve-build";
import { storedItem } from "./stored-item";

export interface StoredSieve {
  /**
   * The build it was made by (`import.meta.env.RECEIPTS_SIEVE_KEY`, the SHA-256 of the sieve
   * this build makes): a sieve of another build may miss names this one marks.
   */
  key: string;
  spec: SieveSpec;
}

/** Anything without a key reads as none; what has one is checked against its key when used. */
const storedSieveIn = (value: unknown): StoredSieve | null =>
  typeof value === "object" && typeof (value as StoredSieve | null)?.key === "string"
    ? (value as StoredSieve)
    : null;

/** Its key in `storage.local`, for the tests and the bench that read or replace it there. */
export const STORED_SIEVE_KEY = "pageSieve";

export const storedSieve = storedItem<StoredSieve | null>(STORED_SIEVE_KEY, null, storedSieveIn);

/**
 * How much of the SHA-256 the key keeps: 128 bits, as many as a forger would have to match by
 * trying (no one can aim SHA-256 at a given digest), and 24 characters of base64 in every
 * content script rather than 44.
 */
export const SIEVE_KEY_BYTES = 16;

/**
 * The stored sieve if it is exactly the one this build makes: its spec's JSON, as the store
 * gives it back, hashes to this build's key (wxt.config.ts hashes the same JSON with Node's
 * crypto). SHA-256, not a quick hash: the key is in every content script, so whoever writes a
 * record knows what it must hash to, and must not be able to make one that does. What is adopted
 * is the text hashed, parsed again: plain JSON. Null for anything else, and where the page is not
 * a secure context (plain http): `crypto.subtle` is missing there, for content scripts too, and
 * that page reads every block.
 */
export async function genuineSieve(key: string): Promise<SieveSpec | null> {
  try {
    const stored = await storedSieve.getValue();
    if (stored?.key !== key) return null;
    const text = JSON.stringify(stored.spec);
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return btoa(String.fromCharCode(...new Uint8Array(digest, 0, SIEVE_KEY_BYTES))) === key
      ? (JSON.parse(text) as SieveSpec)
      : null;
  } catch {
    // No `crypto.subtle`, or a value JSON cannot hold (a cycle, a BigInt: Firefox's store keeps
    // them): none.
    return null;
  }
}

/**
 * The background's part: stores the index's sieve unless this build's is stored already and is
 * genuine, so a record someone else wrote under this build's key is replaced at its next start.
 */
export async function keepSieve(index: MatchIndex, key: string): Promise<void> {
  if (await genuineSieve(key)) return;
  const spec = sieveSpecOf(index);
  if (spec) await storedSieve.setValue({ key, spec });
}

/** The sieve this build makes of the index, as data: what the background stores and gives. */
export function sieveSpecOf(index: MatchIndex): SieveSpec | null {
  const sieve = sieveFor(compileMatcher(index));
  return sieve ? specOfSieve(sieve) : null;
}

/**
 * The sieve a page adopts: the stored one if it is genuine; on a page that cannot check it (plain
 * http has no `crypto.subtle`), the one the background built, asked for (`askBackground`): only
 * the extension answers a content script's message, and the background built the sieve itself.
 */
export async function pageSieve(
  key: string,
  askBackground: () => Promise<SieveSpec | null>,
): Promise<SieveSpec | null> {
  return (await genuineSieve(key)) ?? (globalThis.crypto?.subtle ? null : askBackground());
}

/**
 * The content script's part: the stored sieve, if this build made it (`genuineSieve`), becomes
 * the matcher's. False when there is none (the first pages after an install, a cleared store, a
 * record someone else wrote): that page reads every block, which finds the same names, only
 * slower; it never builds a sieve itself.
 */
export function useStoredSieve(matcher: Matcher, spec: SieveSpec | null): boolean {
  return spec !== null && adoptSieve(matcher, spec);
}
