/**
 * Holds the latest object of each kind until the next one of that kind replaces it, so that the
 * JavaScript engine keeps the optimized code of the functions that object is made of.
 *
 * V8 keeps a function's optimized code only while something still holds it. The code of a
 * closure is held by the closures made from it, and the code of a class's methods is thrown away
 * when the shape its instances share is collected, which happens once no instance is left. The
 * page pass makes its sieve, its collectors and its matcher's scans afresh for every pass, and
 * dropped them all after it: every full garbage collection between two passes (two batches of a
 * live page, two views of a single-page app) threw that code away, and the next pass ran
 * unoptimized until the engine had compiled it again. Traced in Chromium with `--trace-opt
 * --trace-deopt` (docs/decisions/0010-optimized-code-kept.md).
 *
 * Holding one object per kind costs the memory of that one object: the last block read, the
 * last page pass.
 */

/** What is kept: the objects a page pass makes afresh, each made of functions it runs hot. */
export type KeptKind = "pass" | "sieve" | "planner" | "collector" | "scan";

const latestByKind = new Map<KeptKind, unknown>();

/** Keeps `value` as the latest of its kind (dropping the one before), and returns it. */
export function keepLatest<T>(kind: KeptKind, value: T): T {
  latestByKind.set(kind, value);
  return value;
}

/** The latest object kept of a kind, if any (for tests). */
export function latestKept(kind: KeptKind): unknown {
  return latestByKind.get(kind);
}
