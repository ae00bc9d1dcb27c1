/** The options page: where Receipts is off, how many mentions to mark, frames. */
import type { MarkMode, MatchIndexEntity } from "../dataset/types";

export interface OptionsProps {
  entities: readonly MatchIndexEntity[];
  disabledSites: readonly string[];
  markModes: Readonly<Record<string, MarkMode>>;
  markInFrames: boolean;
  onEnableSite(hostname: string): void;
  onMarkMode(entity: string, mode: MarkMode | null): void;
  onMarkInFrames(enabled: boolean): void;
}

export function Options(props: OptionsProps) {
  const people = props.entities.filter((entity) => entity.kind === "person");
  const organizations = props.entities.filter((entity) => entity.kind === "organization");
  return (
    <main>
      <h1>Receipts settings</h1>
      <p class="muted">Stored in this browser only. Receipts sends nothing anywhere.</p>

      <section>
        <h2>Sites where Receipts is off</h2>
        {props.disabledSites.length === 0 ? (
          <p class="muted">None. Turn Receipts off for a site from the toolbar popup.</p>
        ) : (
          <ul class="sites">
            {props.disabledSites.map((site) => (
              <li key={site}>
                <span>{site}</span>
                <button type="button" onClick={() => props.onEnableSite(site)}>
                  Turn back on
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2>Frames</h2>
        <label>
          <input
            type="checkbox"
            checked={props.markInFrames}
            onChange={(event) => props.onMarkInFrames(event.currentTarget.checked)}
          />{" "}
          Also mark names inside embedded frames (off: main page only)
        </label>
      </section>

      {[
        ["People", people],
        ["Organizations", organizations],
      ].map(([title, list]) => (
        <section key={title as string}>
          <h2>Mentions to mark: {title as string}</h2>
          <table>
            <tbody>
              {(list as MatchIndexEntity[]).map((entity) => {
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
