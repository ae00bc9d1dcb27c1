/**
 * The page sieve (lib/matching/sieve.ts) kept in `storage.local` from one page to the next, the
 * way uBlock Origin keeps its compiled filters. Building it cost a cold engine 10 to 25 ms in
 * every page's first task; made from the stored data it costs about a millisecond. The background
 * builds and stores it once per build of the extension; each content script adopts it, or reads
 * every block when there is none for this build. Decision 0009.
 */
import type { MatchIndex } from "../dataset/types";
import { compileMatcher, type Matcher } from "../matching";
import { adoptSieve, specOfSieve, type SieveSpec } from "../matching/sieve";
import { sieveFor } from "../matching/sieve-build";
import { storedItem } from "./stored-item";

export interface StoredSieve {
  /**
   * The build it was made by (`import.meta.env.RECEIPTS_SIEVE_KEY`, a hash of the match index
   * and the matcher's code): a sieve of another build may miss names this one marks.
   */
  key: string;
  spec: SieveSpec;
}

/**
 * The key is what vouches for the format: only this build's background writes a record with
 * this build's key. Anything else (another build's record, a corrupted store) is never adopted.
 */
const isStoredSieve = (value: unknown): value is StoredSieve | null =>
  value === null || (typeof value === "object" && typeof (value as StoredSieve).key === "string");

/** Its key in `storage.local`, for the tests and the bench that read or replace it there. */
export const STORED_SIEVE_KEY = "pageSieve";

export const storedSieve = storedItem<StoredSieve | null>(STORED_SIEVE_KEY, null, isStoredSieve);

/** The background's part: stores the index's sieve unless this build's is stored already. */
export async function keepSieve(index: MatchIndex, key: string): Promise<void> {
  if ((await storedSieve.getValue())?.key === key) return;
  const sieve = sieveFor(compileMatcher(index));
  if (sieve) await storedSieve.setValue({ key, spec: specOfSieve(sieve) });
}

/**
 * The content script's part: the stored sieve becomes the matcher's if this build made it.
 * False when it did not (the first pages after an install, a cleared store): that page reads
 * every block, which finds the same names, only slower; it never builds a sieve itself.
 */
export function useStoredSieve(matcher: Matcher, stored: StoredSieve | null, key: string): boolean {
  return stored?.key === key && adoptSieve(matcher, stored.spec);
}
