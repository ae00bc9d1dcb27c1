import type { EntityId, MarkMode } from "../dataset/types";
import { createMatchSession, type Matcher, type MatchSession } from "../matching";
import { collectText, isInsideExcludedRegion, MARK_TAG, type StyleView } from "./collect";
import { ENTITY_ATTRIBUTE, markMatches, MATCH_ATTRIBUTE, unmarkAll } from "./highlighter";
import { withoutObserving } from "./observer";

/**
 * One page's marking: collect → match (one session per page, so the surname and first-only
 * rules hold across incremental scans) → mark. The content script only wires it to events.
 */

export interface PagePassOptions {
  root: Element;
  matcher: Matcher;
  /** Override an entity's mark mode (the reader's setting); default: the index's own. */
  markMode?: (entity: EntityId) => MarkMode;
  /** The page's window, so computed display decides hidden and block elements. */
  view?: StyleView | null;
}

export interface EntityMarkCount {
  entity: EntityId;
  /** Mentions marked (a mention split over `<b>Tim</b> Cook` counts once). */
  count: number;
}

export interface PagePass {
  /** Marks the whole root the first time (or with no roots), then only the given new roots. */
  run(roots?: readonly Node[]): HTMLElement[];
  /** Removes every mark; the next run starts a fresh page (after an in-app navigation). */
  undo(): void;
  /**
   * A new view in a single-page app (the content script calls it on WXT's `wxt:locationchange`):
   * page state starts afresh (surnames need their full name again, first-only entities may be
   * marked again) while marks already on screen stay. The new view's content arrives through the
   * observer as added nodes.
   */
  onNavigation(): void;
  /** Marked mentions per entity, in the order each entity first appears on the page. */
  counts(): EntityMarkCount[];
}

export function createPagePass(options: PagePassOptions): PagePass {
  const { root, matcher, markMode, view } = options;
  const collectOptions = { view };
  const newSession = (): MatchSession => createMatchSession(matcher, markMode ? { markMode } : {});
  let session = newSession();
  let scannedWhole = false;

  const markRoot = (scanRoot: Node): HTMLElement[] => {
    if (scanRoot !== root && isInsideExcludedRegion(scanRoot, collectOptions)) return [];
    const { nodes, segments } = collectText(scanRoot, collectOptions);
    if (segments.length === 0) return [];
    const matches = session.scan(segments);
    if (matches.length === 0) return [];
    return withoutObserving(() => markMatches(nodes, segments, matches));
  };

  return {
    run(roots) {
      if (!scannedWhole || !roots) {
        scannedWhole = true;
        return markRoot(root);
      }
      const created: HTMLElement[] = [];
      for (const scanRoot of roots) {
        if (scanRoot.isConnected && root.contains(scanRoot)) created.push(...markRoot(scanRoot));
      }
      return created;
    },
    undo() {
      withoutObserving(() => unmarkAll(root));
      session = newSession();
      scannedWhole = false;
    },
    onNavigation() {
      session = newSession();
    },
    counts() {
      const mentions = new Map<EntityId, Set<string>>();
      for (const mark of root.querySelectorAll(`${MARK_TAG}[${ENTITY_ATTRIBUTE}]`)) {
        const entity = mark.getAttribute(ENTITY_ATTRIBUTE) ?? "";
        const mention = mark.getAttribute(MATCH_ATTRIBUTE) ?? "";
        let seen = mentions.get(entity);
        if (!seen) mentions.set(entity, (seen = new Set()));
        seen.add(mention);
      }
      return [...mentions].map(([entity, seen]) => ({ entity, count: seen.size }));
    },
  };
}
