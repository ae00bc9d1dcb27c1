/** The toolbar popup: who this page mentions, how often, with jump-to-mention. */
import type { PageSummaryView, SummaryEntry } from "../summary/page-summary";
import { countOf } from "../cards/citation";

/**
 * Whether the page's first pass is over: "done"; "asking" while the popup asks again (the
 * counts so far are partial); "gave-up" when it stopped asking before the page finished.
 */
export type Reading = "done" | "asking" | "gave-up";

export type PopupState =
  | { status: "loading" }
  /** The tab is still loading and its content script has not answered yet. */
  | { status: "page-loading"; asking: boolean }
  /** No content script on this tab: a browser page or the web store. */
  | { status: "unavailable" }
  | {
      status: "ready";
      enabled: boolean;
      /** The site the switch turns on and off (`siteOfHost`), named in its label. */
      site: string;
      view: PageSummaryView;
      reading: Reading;
    };

/** A short message after an action (copy, jump); a new id announces even the same text again. */
export interface Notice {
  id: number;
  text: string;
}

export interface PopupProps {
  state: PopupState;
  notice?: Notice | null;
  onJump(entity: string): void;
  onToggleSite(enabled: boolean): void;
  onCopySummary(): void;
  onOpenSettings(): void;
}

function EntityList({
  title,
  entries,
  onJump,
}: {
  title: string;
  entries: SummaryEntry[];
  onJump(entity: string): void;
}) {
  if (entries.length === 0) return null;
  return (
    <section>
      <h2>{title}</h2>
      <ul class="entities">
        {entries.map(({ card, count }) => (
          <li key={card.id} data-entity={card.id}>
            <button
              type="button"
              onClick={() => onJump(card.id)}
              title={`Scroll to the next mention of ${card.name}`}
            >
              <span class="name">{card.name}</span>
              {card.roles[0] && <span class="role">{card.roles[0].text}</span>}
              <span class="count" data-count={count} aria-label={countOf(count, "mention")}>
                {count}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Whether the page names anyone from the dataset: then there are totals and lists to show. */
function namesAnyone({ totals }: PageSummaryView): boolean {
  return totals.people + totals.organizations > 0;
}

function totalsLine({ totals }: PageSummaryView): string {
  return [
    countOf(totals.people, "person", "people"),
    countOf(totals.organizations, "organization"),
    countOf(totals.quotes, "quote"),
    countOf(totals.contracts, "contract"),
  ].join(" · ");
}

/** What the page's status is, in words: the text of the popup's live region. */
function StatusLine({ state }: { state: PopupState }) {
  switch (state.status) {
    case "loading":
      return <p class="muted">Reading this page…</p>;
    case "page-loading":
      return (
        <p class="muted" data-page-loading>
          {state.asking
            ? "This page is still loading; Receipts will read it once it has."
            : "This page is still loading. Open Receipts again once it has."}
        </p>
      );
    case "unavailable":
      return (
        <p class="empty">
          Receipts cannot read this page. Browser pages and stores are off limits; a page that was
          open before Receipts was installed or updated needs reloading.
        </p>
      );
    case "ready": {
      if (!state.enabled) return <p class="empty">Receipts is off for this site.</p>;
      const anyone = namesAnyone(state.view);
      return (
        <>
          {anyone && (
            <p class="totals" data-totals>
              {totalsLine(state.view)}
            </p>
          )}
          {state.reading === "done" ? (
            !anyone && (
              <p class="empty" data-empty>
                Nobody from the dataset is mentioned on this page.
              </p>
            )
          ) : (
            <p class="muted" data-reading>
              {state.reading === "asking"
                ? "Still reading this page…"
                : "Still reading this page; open Receipts again for the full count."}
            </p>
          )}
        </>
      );
    }
  }
}

export function Popup({
  state,
  notice,
  onJump,
  onToggleSite,
  onCopySummary,
  onOpenSettings,
}: PopupProps) {
  const ready = state.status === "ready" ? state : null;
  const showEntities = ready?.enabled === true && namesAnyone(ready.view);
  const busy = state.status === "loading" || (ready !== null && ready.reading === "asking");
  return (
    <main>
      <header>
        <h1>Receipts</h1>
      </header>
      {ready && (
        <label class="switch">
          <input
            type="checkbox"
            checked={ready.enabled}
            onChange={(event) => onToggleSite(event.currentTarget.checked)}
          />
          <span>Highlight names on {ready.site}</span>
        </label>
      )}
      {/* Live regions are there from the start, so screen readers hear the page's status when
          it arrives; busy while the counts are partial, so they hear the result. */}
      <div role="status" class="status" aria-busy={busy ? "true" : "false"}>
        <StatusLine state={state} />
      </div>
      {ready && showEntities && (
        <>
          <EntityList title="People" entries={ready.view.people} onJump={onJump} />
          <EntityList title="Organizations" entries={ready.view.organizations} onJump={onJump} />
          <button type="button" class="copy" onClick={onCopySummary}>
            Copy page summary (Markdown)
          </button>
        </>
      )}
      {/* Notices after the reader's actions, kept in view at the bottom: the copy button may
          be far down a long list, and the mention jumped to far up. */}
      <div role="status" class="notice">
        {notice && (
          <p key={notice.id} data-notice>
            {notice.text}
          </p>
        )}
      </div>
      <footer>
        <button type="button" class="link" onClick={onOpenSettings}>
          Settings and everyone in the dataset
        </button>
      </footer>
    </main>
  );
}
