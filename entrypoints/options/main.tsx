import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import matchIndex from "~/data/match-index.json";
import type { MarkMode, MatchIndex } from "~/lib/dataset/types";
import {
  disabledSites,
  markInFrames,
  markModeOverrides,
  setMarkMode,
  setSiteEnabled,
} from "~/lib/settings/settings";
import { Options } from "~/lib/ui/Options";
import "./options.css";

const entities = [...(matchIndex as MatchIndex).entities].sort((a, b) =>
  a.name.localeCompare(b.name),
);

function App() {
  const [sites, setSites] = useState<string[]>([]);
  const [modes, setModes] = useState<Record<string, MarkMode>>({});
  const [frames, setFrames] = useState(false);

  useEffect(() => {
    void disabledSites.getValue().then(setSites);
    void markModeOverrides.getValue().then(setModes);
    void markInFrames.getValue().then(setFrames);
    const unwatch = [
      disabledSites.watch(setSites),
      markModeOverrides.watch(setModes),
      markInFrames.watch(setFrames),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);

  return (
    <Options
      entities={entities}
      disabledSites={sites}
      markModes={modes}
      markInFrames={frames}
      onEnableSite={(site) => void setSiteEnabled(site, true)}
      onMarkMode={(entity, mode) => void setMarkMode(entity, mode)}
      onMarkInFrames={(enabled) => void markInFrames.setValue(enabled)}
    />
  );
}

const root = document.getElementById("app");
if (root) render(<App />, root);
