/**
 * A hand-made match index with the real names of the dataset, written the way data/match-index.json
 * is meant to be (full names, aliases, surnames only after the full name, brands for ordinary
 * words), so the matcher's tests do not depend on the dataset being compiled.
 */
import type { Alias, MarkMode, MatchIndex, MatchIndexEntity } from "../../../lib/dataset/types";

const full = (text: string): Alias => ({ text, how: "full", case: "as-written" });
const alias = (text: string): Alias => ({ text, how: "alias", case: "as-written" });
const surname = (text: string, sharedWith?: string[]): Alias => ({
  text,
  how: "surname",
  case: "as-written",
  ...(sharedWith ? { sharedWith } : {}),
});
/** A surname the news uses alone for one person (decision 0006): no full name needed first. */
const surnameAlone = (text: string): Alias => ({
  text,
  how: "surname",
  case: "as-written",
  alone: true,
});
const brand = (text: string): Alias => ({ text, how: "brand", case: "as-written" });
const anyCase = (text: string): Alias => ({ text, how: "alias", case: "any" });
/** A name no ordinary word shares, in any case ("linkedin" in a share bar), as in the data. */
const fullAnyCase = (text: string): Alias => ({ text, how: "full", case: "any" });
/** A person's full name, also all in lower case ("elon musk" in a tag), as in the data. */
const fullOrLower = (text: string): Alias => ({ text, how: "full", case: "also-lower" });
/** A company as written, and in any case as a web address ("www.amazon.com"), as in the data. */
const brandOrDomain = (text: string): Alias => ({ text, how: "brand", case: "also-domain" });
const fullOrDomain = (text: string): Alias => ({ text, how: "full", case: "also-domain" });

function entity(
  id: string,
  name: string,
  aliases: Alias[],
  markMode: MarkMode = "every",
): MatchIndexEntity {
  return { id, name, aliases, markMode };
}

function person(id: string, name: string, extra: Alias[] = []): MatchIndexEntity {
  const last = name.split(" ").at(-1) ?? name;
  return entity(id, name, [fullOrLower(name), ...extra, surname(last)]);
}

export const fixtureEntities: MatchIndexEntity[] = [
  person("tim-cook", "Tim Cook"),
  person("jeff-dean", "Jeff Dean"),
  person("jeff-bezos", "Jeff Bezos"),
  person("elon-musk", "Elon Musk"),
  person("dario-amodei", "Dario Amodei"),
  person("renee-good", "Renee Good", [fullOrLower("Renée Good")]),
  person("alex-pretti", "Alex Pretti"),
  entity("greg-brockman", "Greg Brockman", [
    full("Greg Brockman"),
    surname("Brockman", ["anna-brockman"]),
  ]),
  entity("anna-brockman", "Anna Brockman", [
    full("Anna Brockman"),
    surname("Brockman", ["greg-brockman"]),
  ]),
  person("sundar-pichai", "Sundar Pichai"),
  person("mark-zuckerberg", "Mark Zuckerberg"),
  person("sam-altman", "Sam Altman"),
  person("jensen-huang", "Jensen Huang"),
  person("eric-yuan", "Eric Yuan"),
  person("reid-hoffman", "Reid Hoffman"),
  person("vinod-khosla", "Vinod Khosla"),
  person("meredith-whittaker", "Meredith Whittaker"),
  person("james-dyett", "James Dyett"),
  entity("donald-trump", "Donald Trump", [
    fullOrLower("Donald Trump"),
    alias("President Trump"),
    surnameAlone("Trump"),
  ]),
  entity("apple", "Apple", [full("Apple Inc."), brandOrDomain("Apple")]),
  entity("amazon", "Amazon", [brandOrDomain("Amazon")]),
  entity("amazon-web-services", "Amazon Web Services", [full("Amazon Web Services"), alias("AWS")]),
  entity("google", "Google", [fullOrDomain("Google")]),
  entity("google-deepmind", "Google DeepMind", [
    fullAnyCase("Google DeepMind"),
    anyCase("DeepMind"),
  ]),
  entity("meta", "Meta", [full("Meta Platforms"), brandOrDomain("Meta")]),
  entity("oracle", "Oracle", [brandOrDomain("Oracle")]),
  entity("signal", "Signal", [brand("Signal")]),
  entity("zoom", "Zoom", [brand("Zoom")]),
  entity("chef", "Chef", [brand("Chef")]),
  entity("palantir", "Palantir", [full("Palantir")]),
  entity("microsoft", "Microsoft", [fullAnyCase("Microsoft")]),
  entity("openai", "OpenAI", [fullAnyCase("OpenAI")]),
  entity("anthropic", "Anthropic", [full("Anthropic")]),
  entity("salesforce", "Salesforce", [fullOrDomain("Salesforce")]),
  entity("clearview-ai", "Clearview AI", [full("Clearview AI")]),
  entity("tesla", "Tesla", [full("Tesla")]),
  entity("nvidia", "Nvidia", [fullAnyCase("Nvidia")]),
  entity("github", "GitHub", [fullAnyCase("GitHub")]),
  entity("linkedin", "LinkedIn", [fullAnyCase("LinkedIn")]),
  entity("ice", "U.S. Immigration and Customs Enforcement", [
    full("U.S. Immigration and Customs Enforcement"),
    alias("Immigration and Customs Enforcement"),
    brand("ICE"),
  ]),
  entity("dhs", "Department of Homeland Security", [
    full("Department of Homeland Security"),
    alias("DHS"),
  ]),
  entity("homeland-security-investigations", "Homeland Security Investigations", [
    full("Homeland Security Investigations"),
    alias("HSI"),
  ]),
  entity("wired", "Wired", [brandOrDomain("Wired"), alias("WIRED")]),
  entity("iceout-tech", "IceOut.Tech", [anyCase("IceOut.Tech"), anyCase("ICEout.tech")], "first"),
];

export const fixtureIndex: MatchIndex = { version: 1, entities: fixtureEntities };
