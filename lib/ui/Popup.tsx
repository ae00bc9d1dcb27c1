/** The toolbar popup: who this page mentions, how often, with jump-to-mention. */
import type { PageSummaryView, SummaryEntry } from "../summary/page-summary";

export type PopupState =
  | { status: "loading" }
  /** No content script on this tab: a browser page, the web store, or a page still loading. */
  | { status: "unavailable" }
  | { status: "ready"; enabled: boolean; hostname: string; view: PageSummaryView };

export interface PopupProps {
  state: PopupState;
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
              <span class="count" data-count={count} aria-label={`${count} mentions`}>
                {count}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Popup({ state, onJump, onToggleSite, onCopySummary, onOpenSettings }: PopupProps) {
  return (
    <main>
      <header>
        <h1>Receipts</h1>
      </header>
      {state.status === "loading" && <p class="muted">Reading this page…</p>}
      {state.status === "unavailable" && (
        <p class="empty">
          Receipts cannot read this page (browser pages and stores are off limits).
        </p>
      )}
      {state.status === "ready" && (
        <>
          <label class="switch">
            <input
              type="checkbox"
              checked={state.enabled}
              onChange={(event) => onToggleSite(event.currentTarget.checked)}
            />
            <span>Highlight names on {state.hostname}</span>
          </label>
          {!state.enabled ? (
            <p class="empty">Receipts is off for this site.</p>
          ) : state.view.totals.people + state.view.totals.organizations === 0 ? (
            <p class="empty" data-empty>
              Nobody from the dataset is mentioned on this page.
            </p>
          ) : (
            <>
              <p class="totals" data-totals>
                {state.view.totals.people} people · {state.view.totals.organizations} organizations
                · {state.view.totals.quotes} quotes · {state.view.totals.contracts} contracts
              </p>
              <EntityList title="People" entries={state.view.people} onJump={onJump} />
              <EntityList
                title="Organizations"
                entries={state.view.organizations}
                onJump={onJump}
              />
              <button type="button" class="copy" onClick={onCopySummary}>
                Copy page summary (Markdown)
              </button>
            </>
          )}
        </>
      )}
      <footer>
        <button type="button" class="link" onClick={onOpenSettings}>
          Settings and everyone in the dataset
        </button>
      </footer>
    </main>
  );
}
