/** The options page: where Receipts is off, how many mentions to mark, frames. */
import { useLayoutEffect, useRef } from "preact/hooks";
import type { Entity, MarkMode } from "../dataset/types";
import { siteOfHost } from "../settings/settings";

/** What the page lists of each entity the reader can mark. */
export type OptionsEntity = Pick<Entity, "id" | "name" | "kind" | "markMode">;

export interface OptionsProps {
  entities: readonly OptionsEntity[];
  disabledSites: readonly string[];
  markModes: Readonly<Record<string, MarkMode>>;
  markInFrames: boolean;
  /** Turns a site back on: every stored entry of it goes (`setSiteEnabled`). */
  onEnableSite(site: string): void;
  onMarkMode(entity: string, mode: MarkMode | null): void;
  onMarkInFrames(enabled: boolean): void;
}

/**
 * The sites where Receipts is off, each with a button to turn it back on. The button goes away
 * with its row; focus then moves to the row that took its place (or the one above, or the
 * empty message) rather than falling to the page's start.
 */
function DisabledSites({
  sites,
  onEnableSite,
}: {
  sites: readonly string[];
  onEnableSite(site: string): void;
}) {
  const list = useRef<HTMLUListElement>(null);
  const none = useRef<HTMLParagraphElement>(null);
  /** The site just turned back on, and where its row was, until it leaves the list. */
  const leaving = useRef<{ site: string; index: number } | null>(null);

  useLayoutEffect(() => {
    const gone = leaving.current;
    if (!gone || sites.includes(gone.site)) return;
    leaving.current = null;
    const buttons = list.current?.querySelectorAll("button") ?? [];
    const next = buttons[Math.min(gone.index, buttons.length - 1)];
    (next ?? none.current)?.focus();
  }, [sites]);

  if (sites.length === 0) {
    return (
      <p class="muted" tabIndex={-1} ref={none}>
        None. Turn Receipts off for a site from the toolbar popup.
      </p>
    );
  }
  return (
    <ul class="sites" ref={list}>
      {sites.map((site, index) => (
        <li key={site}>
          <span>{site}</span>
          <button
            type="button"
            aria-label={`Turn back on for ${site}`}
            onClick={() => {
              leaving.current = { site, index };
              onEnableSite(site);
            }}
          >
            Turn back on
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The stored entries as the sites they are, each once, in order: an earlier build stored
 * "www.nytimes.com", maybe beside "nytimes.com", and the reader turns one site back on.
 */
const sitesIn = (disabled: readonly string[]): string[] =>
  [...new Set(disabled.map(siteOfHost))].sort();

export function Options(props: OptionsProps) {
  const groups = [
    { title: "People", entities: props.entities.filter(({ kind }) => kind === "person") },
    {
      title: "Organizations",
      entities: props.entities.filter(({ kind }) => kind === "organization"),
    },
  ];
  return (
    <main>
      <h1>Receipts settings</h1>
      <p class="muted">Stored in this browser only. Receipts sends nothing anywhere.</p>

      <section>
        <h2>Sites where Receipts is off</h2>
        <DisabledSites sites={sitesIn(props.disabledSites)} onEnableSite={props.onEnableSite} />
      </section>

      <section>
        <h2>Frames</h2>
        <label>
          <input
            type="checkbox"
            checked={props.markInFrames}
            aria-describedby="frames-note"
            onChange={(event) => props.onMarkInFrames(event.currentTarget.checked)}
          />{" "}
          Also mark names inside embedded frames (off: main page only)
        </label>
        {/* A page reads this setting once, when it starts (lib/content/receipts.ts). */}
        <p class="muted" id="frames-note">
          Applies to pages opened from now on; reload an open page to change it there.
        </p>
      </section>

      {groups.map(({ title, entities }) => (
        <section key={title}>
          <h2>Mentions to mark: {title}</h2>
          <table>
            <tbody>
              {entities.map((entity) => {
                const mode = props.markModes[entity.id] ?? entity.markMode;
                return (
                  <tr key={entity.id}>
                    <th scope="row">{entity.name}</th>
                    <td>
                      <select
                        aria-label={`Mentions of ${entity.name} to mark`}
                        value={mode}
                        onChange={(event) => {
                          const chosen = event.currentTarget.value as MarkMode;
                          props.onMarkMode(entity.id, chosen === entity.markMode ? null : chosen);
                        }}
                      >
                        <option value="every">Every mention</option>
                        <option value="first">First mention only</option>
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </main>
  );
}
