import type { EntityId, MatchIndex } from "../../../lib/dataset/types";
import type { Match, TextSegment } from "../../../lib/matching/types";

/**
 * A tiny stand-in for lib/matching while it is written in parallel: full names and aliases as
 * whole words inside one block, surnames only after their full name. Test support only.
 */
export function createStandInSession(index: MatchIndex) {
  const seenFull = new Set<EntityId>();
  const aliases = index.entities
    .flatMap((entity) => entity.aliases.map((alias) => ({ entity: entity.id, ...alias })))
    .sort((a, b) => b.text.length - a.text.length);
  return {
    scan(segments: readonly TextSegment[]): Match[] {
      const matches: Match[] = [];
      let offset = 0;
      let blockStart = 0;
      let blockText = "";
      const flushBlock = () => {
        const taken: Array<[number, number]> = [];
        const found: Match[] = [];
        for (const alias of aliases) {
          const escaped = alias.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
          const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "gu");
          for (const hit of blockText.matchAll(pattern)) {
            const start = hit.index;
            const end = start + hit[0].length;
            if (taken.some(([s, e]) => start < e && end > s)) continue;
            taken.push([start, end]);
            found.push({
              entity: alias.entity,
              start: blockStart + start,
              end: blockStart + end,
              text: hit[0],
              how: alias.how,
            });
          }
        }
        found.sort((a, b) => a.start - b.start);
        for (const match of found) {
          if (match.how === "surname" && !seenFull.has(match.entity)) continue;
          if (match.how === "full") seenFull.add(match.entity);
          matches.push(match);
        }
      };
      let currentBlock: number | null = null;
      for (const segment of segments) {
        if (segment.block !== currentBlock) {
          if (currentBlock !== null) flushBlock();
          currentBlock = segment.block;
          blockStart = offset;
          blockText = "";
        }
        blockText += segment.text;
        offset += segment.text.length;
      }
      if (currentBlock !== null) flushBlock();
      return matches;
    },
  };
}
