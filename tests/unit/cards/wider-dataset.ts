import type { Dataset, Entity } from "../../../lib/dataset/types";
import { miniDataset } from "../../fixtures/mini-dataset";

/**
 * The mini dataset with what the card sections depend on: an agency, a person killed, a
 * subsidiary with its own contract, a bid protest, a surname the news uses alone, an event.
 */
export function widerDataset(): Dataset {
  const dataset = structuredClone(miniDataset);
  const organization = (id: string, name: string, category: string): Entity => ({
    id,
    name,
    kind: "organization",
    category,
    roles: [],
    affiliations: [],
    aliases: [{ text: name, how: "full", case: "as-written" }],
    markMode: "every",
  });
  dataset.entities.push(
    organization("agency", "Agency", "agency"),
    {
      ...organization("acme-cloud", "Acme Cloud", "company"),
      affiliations: [{ organization: "acme", source: "a1", excerpt: "Acme Cloud" }],
    },
    {
      ...organization("victim", "Vic Tim", "victim"),
      kind: "person",
      aliases: [
        { text: "Vic Tim", how: "full", case: "as-written" },
        { text: "Tim", how: "surname", case: "as-written", alone: true },
      ],
    },
  );
  dataset.contracts.push(
    {
      id: "acme-cloud-hosting",
      vendor: "acme-cloud",
      kind: "contract",
      agency: "ICE",
      description: "Hosts data.",
      layer: "further-reporting",
      sources: [{ source: "wired" }],
    },
    {
      id: "acme-protest",
      vendor: "acme",
      kind: "bid-protest",
      agency: "ICE",
      description: "Protested being left out.",
      layer: "further-reporting",
      sources: [{ source: "wired" }],
    },
  );
  dataset.events.push({
    id: "vigil",
    date: "Monday",
    what: "A vigil was held.",
    entities: ["victim"],
    source: "a1",
    excerpt: "On Monday, hundreds held a vigil",
  });
  return dataset;
}
