import type { EntityId, MatchHow } from "../dataset/types";

/**
 * The page's text as the matcher sees it: text nodes in document order. `block` is the index of
 * the block-level container (p, li, h1, td, ...) the node belongs to; a name may span segments
 * of the same block (`<b>Tim</b> Cook`) but never two blocks.
 */
export interface TextSegment {
  text: string;
  block: number;
  /**
   * Text already inside one of our marks: read for context and for the page's state (a name
   * seen), as on the first reading, but never wrapped again.
   */
  marked?: boolean;
}

export interface Match {
  entity: EntityId;
  /** Offsets into the concatenation of all segments' text, end exclusive. */
  start: number;
  end: number;
  /** The matched text as it is on the page. */
  text: string;
  how: MatchHow;
}
