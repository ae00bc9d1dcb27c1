import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { entities as datasetEntities } from "~/data/dataset.json";
import { isMarkable } from "~/lib/dataset/match-index";
import type { Dataset, MarkMode } from "~/lib/dataset/types";
import {
  disabledSites,
  markInFrames,
  markModeOverrides,
  setMarkMode,
  setSiteEnabled,
} from "~/lib/settings/settings";
import { Options } from "~/lib/ui/Options";
import "./options.css";

// From the dataset, not the match index: the content script bundles that, without kinds. (A
// named import: the bundle keeps the entities, not the quotes and sources.)
const entities = (datasetEntities as Dataset["entities"])
  .filter(isMarkable)
  .sort((a, b) => a.name.localeCompare(b.name));

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
