/**
 * The verbatim check: dataset text must be found in its article exactly as printed. The only
 * normalisation is collapsing runs of whitespace (line breaks, non-breaking spaces), because
 * YAML and the article may wrap a passage differently. Typographic quotes, dashes, `[sic]` and
 * case are compared as they are.
 */

const WHITESPACE_RUN = /\s+/g;

export function collapseWhitespace(value: string): string {
  return value.replace(WHITESPACE_RUN, " ").trim();
}

/** An article prepared once for many look-ups. */
export interface VerbatimText {
  file: string;
  collapsed: string;
}

export function prepareVerbatimText(file: string, text: string): VerbatimText {
  return { file, collapsed: collapseWhitespace(text) };
}

/** Offset of `needle` in the collapsed article, or -1 when it is not there verbatim. */
export function findVerbatim(haystack: VerbatimText | string, needle: string): number {
  const collapsedHaystack =
    typeof haystack === "string" ? collapseWhitespace(haystack) : haystack.collapsed;
  const collapsedNeedle = collapseWhitespace(needle);
  if (collapsedNeedle === "") return -1;
  return collapsedHaystack.indexOf(collapsedNeedle);
}
