/**
 * Words that name someone in the dataset but are also ordinary words, and what tells the senses
 * apart. The reasons are in docs/decisions/0002-matching-rules.md; every list was checked on the
 * sentences of tests/fixtures/ambiguous-contexts-labels.tsv.
 *
 * Keyed by the alias text folded and lower-cased, so a rule applies whatever `how` the dataset
 * gives the alias.
 *
 * Pure: no DOM, no browser.
 */
import { type Bounds, tokensAfter } from "./context";

export interface AmbiguityRuleSource {
  /**
   * The capitalized form is also what sentence case, title case or capitals make of an ordinary
   * word, so in those positions capitalization is weak evidence and a mention needs
   * corroboration. False for names that are not ordinary words (Tesla, Cook, Dean): for them only
   * the exclusion phrases apply.
   */
  ordinaryWord: boolean;
  /**
   * Whether "the X" is the shape of the other sense ("the Amazon", "the Oracle", "the Good"), so
   * an article right before makes the mention weak. Default true; false where "the X" is almost
   * always the company used as a modifier ("the Apple ecosystem", "the Zoom call"). Even then,
   * after an article, a term that modifies nothing (end of text, or a small word next: "an Apple
   * a day", "the Apple of her eye") is weak.
   */
  articleMakesWeak?: boolean;
  /** Phrases that, right before the term, give it another sense ("Big" Apple). */
  notBefore?: string[];
  /** Phrases that, right after the term, give it another sense (Apple "pie", Zoom "in"). */
  notAfter?: string[];
  /** Words right after the term that show the proper noun ("Apple Watch", "ICE agents"). */
  cuesAfter?: string[];
  /**
   * Words of CORPORATE_CUES_AFTER that the other sense takes as often, so after this term they
   * show nothing: "sends a Signal to Putin" is the noun, as "Oracle to buy" is the company.
   */
  notCuesAfter?: string[];
  /** Words right before the term that show the proper noun ("via Signal", "anti-ICE"). */
  cuesBefore?: string[];
  /** Words anywhere near the term (same block) that show the proper noun ("iPhone", "Alexa"). */
  nearby?: string[];
  /**
   * Abbreviations that, written in capitals right before the term, give it another sense ("MN
   * DHS", a state's department). Lower case they are ordinary words ("in", "or", "me"), so they
   * are compared only in capitals, and not inside an all-caps run, where every word is capitals.
   */
  notAfterAbbreviations?: string[];
  /**
   * The term used as a verb: "to" or "don't" right before it, or a sentence opening with it, and
   * one of these words (its object) right after ("to Google the words", "Google your symptoms";
   * an article after it opening a sentence is no object: "Google the latest to cut jobs").
   * "sold to Google in 2015", "according to Google", "acquired by Google the same year" keep the
   * name.
   */
  verbObjects?: string[];
  /**
   * A hyphen compound keeps the name whatever follows ("Trump-era", "Trump-Pence"): true for a
   * name no ordinary word or double-barrelled namesake shares. By default only participles and
   * known suffixes keep it ("Apple-designed", not "Meta-analysis" or "Dean-Charles").
   */
  hyphenKeepsName?: boolean;
  /**
   * For a surname declared `alone` (decision 0006): the given names, lower case, of the namesakes
   * the news writes it with ("Ivanka Trump", "Lara Trump"). In a title-case headline a capital
   * before the surname is any word ("Defend Trump From the Feds"), and only these are read as a
   * namesake there. Without this list, every capital before it is a namesake's given name.
   */
  namesakeGivenNames?: string[];
}

export interface AmbiguityRule {
  ordinaryWord: boolean;
  articleMakesWeak: boolean;
  notBefore: string[][];
  notAfter: string[][];
  cuesAfter: Set<string>;
  notCuesAfter: Set<string>;
  cuesBefore: Set<string>;
  nearby: Set<string>;
  notAfterAbbreviations: Set<string>;
  verbObjects: Set<string>;
  hyphenKeepsName: boolean;
  namesakeGivenNames: ReadonlySet<string> | undefined;
}

/** Words right after any company name that show the company (corporate words and roles). */
export const CORPORATE_CUES_AFTER = [
  "inc",
  "corp",
  "corporation",
  "co",
  "ltd",
  "llc",
  "plc",
  "ceo",
  "cto",
  "cfo",
  "coo",
  "founder",
  "cofounder",
  "president",
  "chairman",
  "executive",
  "executives",
  "employees",
  "workers",
  "staff",
  "spokesperson",
  "spokesman",
  "spokeswoman",
  "shares",
  "stock",
  "headquarters",
  "app",
  "apps",
  // headline verbs: a fruit, a river or a greeting does not announce, sue or launch
  "to",
  "announces",
  "announced",
  "says",
  "said",
  "reports",
  "reported",
  "launches",
  "launched",
  "unveils",
  "unveiled",
  "sues",
  "sued",
  "buys",
  "bought",
  "acquires",
  "acquired",
  "hires",
  "stops",
  "plans",
  "confirms",
  "denies",
  "releases",
  "removes",
  "removed",
  "bans",
  "banned",
];

/** US states, DC and territories: before "DHS", a state's own department (Human Services). */
const US_STATE_CODES = [
  "al",
  "ak",
  "az",
  "ar",
  "ca",
  "co",
  "ct",
  "de",
  "fl",
  "ga",
  "hi",
  "id",
  "il",
  "in",
  "ia",
  "ks",
  "ky",
  "la",
  "me",
  "md",
  "ma",
  "mi",
  "mn",
  "ms",
  "mo",
  "mt",
  "ne",
  "nv",
  "nh",
  "nj",
  "nm",
  "ny",
  "nc",
  "nd",
  "oh",
  "ok",
  "or",
  "pa",
  "ri",
  "sc",
  "sd",
  "tn",
  "tx",
  "ut",
  "vt",
  "va",
  "wa",
  "wv",
  "wi",
  "wy",
  "dc",
  "pr",
  "gu",
  "vi",
];

const US_STATE_NAMES = [
  "alabama",
  "alaska",
  "arizona",
  "arkansas",
  "california",
  "colorado",
  "connecticut",
  "delaware",
  "florida",
  "georgia",
  "hawaii",
  "idaho",
  "illinois",
  "indiana",
  "iowa",
  "kansas",
  "kentucky",
  "louisiana",
  "maine",
  "maryland",
  "massachusetts",
  "michigan",
  "minnesota",
  "mississippi",
  "missouri",
  "montana",
  "nebraska",
  "nevada",
  "new hampshire",
  "new jersey",
  "new mexico",
  "new york",
  "north carolina",
  "north dakota",
  "ohio",
  "oklahoma",
  "oregon",
  "pennsylvania",
  "rhode island",
  "south carolina",
  "south dakota",
  "tennessee",
  "texas",
  "utah",
  "vermont",
  "virginia",
  "washington",
  "west virginia",
  "wisconsin",
  "wyoming",
  "puerto rico",
];

/** Honorifics of women: "Ms. Trump", "Mrs. Trump" are Melania or Ivanka, never the president. */
const WOMEN_HONORIFICS = ["ms", "ms.", "mrs", "mrs.", "miss", "madam", "lady"];

const SOURCES: Record<string, AmbiguityRuleSource> = {
  apple: {
    ordinaryWord: true,
    articleMakesWeak: false,
    notBefore: [
      "big",
      "golden",
      "green",
      "red",
      "candy",
      "toffee",
      "caramel",
      "crab",
      "adam's",
      "pineapple",
      "granny smith",
      "honeycrisp",
      "baked",
      "rotten",
      "bad",
      "poisoned",
    ],
    notAfter: [
      // Apple Valley, Minnesota, a suburb of the Twin Cities these stories are set in
      "valley",
      // the Apple Cup, Washington's college football rivalry
      "cup",
      "pie",
      "pies",
      "juice",
      "cider",
      "tree",
      "trees",
      "sauce",
      "orchard",
      "orchards",
      "crisp",
      "crumble",
      "tart",
      "tarts",
      "turnover",
      "turnovers",
      "butter",
      "seed",
      "seeds",
      "slice",
      "slices",
      "panini",
      "pen",
      "blossom",
      "blossoms",
      "jacks",
      "strudel",
      "cake",
      "vinegar",
      "harvest",
      "picking",
      "records",
      "daily",
    ],
    cuesAfter: [
      "iphone",
      "ipad",
      "mac",
      "macbook",
      "watch",
      "tv",
      "music",
      "pay",
      "store",
      "stores",
      "id",
      "arcade",
      "news",
      "carplay",
      "vision",
      "intelligence",
      "silicon",
      "park",
      "airpods",
      "maps",
      "icloud",
      "devices",
      "logo",
    ],
    nearby: ["iphone", "iphones", "ipad", "ios", "macos", "macbook", "homekit", "airpods"],
  },
  amazon: {
    ordinaryWord: true,
    notBefore: ["brazilian", "peruvian", "colombian", "ecuadorian", "upper", "lower"],
    notAfter: [
      "rainforest",
      "rainforests",
      "rain forest",
      "river",
      "basin",
      "jungle",
      "region",
      "forest",
      "forests",
      "delta",
      "burns",
      "burning",
      "fires",
      "deforestation",
      "parrot",
      "parrots",
      "warrior",
      "warriors",
      "princess",
      "queen",
      "women",
      "tribe",
      "tribes",
      "lily",
      "biome",
      "estuary",
    ],
    cuesAfter: [
      "web",
      "prime",
      "alexa",
      "echo",
      "kindle",
      "fire",
      "services",
      "associate",
      "associates",
      "fresh",
      "go",
      "music",
      "seller",
      "sellers",
      "warehouse",
      "warehouses",
      "smile",
      "studios",
      "marketplace",
      ".",
    ],
    nearby: ["alexa", "kindle", "aws", "bezos", "prime"],
  },
  oracle: {
    ordinaryWord: true,
    notBefore: ["delphic", "pythian"],
    notAfter: ["of", "bones"],
    cuesAfter: ["cloud", "database", "java", "fusion", "netsuite", "infrastructure", "arena"],
    nearby: ["ellison", "database", "java", "mysql"],
  },
  meta: {
    ordinaryWord: true,
    notBefore: ["mad"],
    notAfter: [
      "ridley",
      "knight",
      "tag",
      "tags",
      "data",
      "description",
      "element",
      "analysis",
      "keywords",
      "posts",
    ],
    cuesAfter: ["platforms", "quest", "ai", "ray", "horizon", "superintelligence", "reality"],
    nearby: ["facebook", "instagram", "whatsapp", "zuckerberg", "threads"],
  },
  signal: {
    ordinaryWord: true,
    // German and Dutch nouns are capitalized: "das Signal", "ein Signal", "het Signal"
    notBefore: ["das", "ein", "kein", "dieses", "het", "een", "turn", "smoke"],
    notAfter: [
      "strength",
      "processing",
      "processor",
      "flare",
      "flares",
      "fire",
      "lamp",
      "box",
      "boost",
      "boosting",
      "to noise",
      "hill",
      "mountain",
      // the Army's branch
      "corps",
    ],
    cuesAfter: ["messenger", "foundation", "chat", "chats", "group", "groups", "protocol"],
    // "a signal to the markets": the noun, in a headline too ("Fed Sends Signal to Markets")
    notCuesAfter: ["to"],
    cuesBefore: ["via", "on", "using", "encrypted"],
    nearby: ["whittaker", "whatsapp", "telegram", "encrypted", "messaging"],
  },
  zoom: {
    ordinaryWord: true,
    articleMakesWeak: false,
    notAfter: [
      "in",
      "out",
      "into",
      "lens",
      "lenses",
      "level",
      "slider",
      "ratio",
      "factor",
      "to",
      "through",
      "past",
      "by",
    ],
    cuesAfter: [
      "call",
      "calls",
      "meeting",
      "meetings",
      "video",
      "communications",
      "webinar",
      "webinars",
      "chat",
      "account",
      "link",
      "phone",
      "workplace",
      "room",
      "rooms",
    ],
    cuesBefore: ["via", "on", "over"],
    nearby: ["yuan", "webinar", "videoconference", "videoconferencing"],
  },
  chef: {
    ordinaryWord: true,
    notBefore: [
      "top",
      "head",
      "executive",
      "sous",
      "pastry",
      "master",
      "celebrity",
      "iron",
      "private",
      "personal",
      // German "Chef" is a boss: "der Chef der Jusos"
      "der",
      "dem",
      "den",
      "des",
      "ein",
      "einen",
      "eines",
      "einem",
      "zum",
      "vom",
      "neuer",
      "neue",
    ],
    notAfter: [
      "'s special",
      "'s knife",
      "'s kiss",
      "'s table",
      "'s choice",
      "boyardee",
      "der",
      "des",
      "von",
      "vom",
      "und",
    ],
    cuesAfter: ["software", "infra", "automate", "habitat", "inspect", "cookbook", "cookbooks"],
    nearby: ["github", "devops", "puppet", "ansible", "progress"],
  },
  ice: {
    ordinaryWord: true,
    notBefore: [
      "vanilla",
      "black",
      "dry",
      "thin",
      "sea",
      "shaved",
      "exchange (",
      "intercontinental exchange",
      // The stock exchange's ticker: "Intercontinental Exchange Inc. (NYSE: ICE)".
      "nyse:",
    ],
    notAfter: [
      "cream",
      "creams",
      "age",
      "hockey",
      "skating",
      "cube",
      "cubes",
      "cold",
      "storm",
      "storms",
      "bucket",
      "cap",
      "caps",
      "sheet",
      "sheets",
      "shelf",
      "vehicle",
      "vehicles",
      "car",
      "cars",
      "engine",
      "engines",
      "powertrain",
      "powertrains",
      "model",
      "models",
      "version",
      "versions",
      "train",
      "trains",
      "futures",
      "on the road",
      "on the roads",
      "ice baby",
      "baby",
      "rink",
      "pack",
      "packs",
      "crystals",
    ],
    cuesAfter: [
      "agent",
      "agents",
      "officer",
      "officers",
      "raid",
      "raids",
      "detention",
      "detainees",
      "custody",
      "director",
      "deportation",
      "deportations",
      "operations",
      "operation",
      "facility",
      "facilities",
      "contract",
      "contracts",
      "vigilantes",
      "enforcement",
      "arrests",
      "surge",
    ],
    cuesBefore: ["anti", "abolish", "defund"],
    nearby: [
      "immigration",
      "immigrant",
      "immigrants",
      "deportation",
      "deportations",
      "minneapolis",
      "dhs",
      "homeland",
      "agents",
      "raids",
      "enforcement",
    ],
  },
  good: {
    ordinaryWord: true,
    notBefore: [
      "very",
      "so",
      "too",
      "a",
      "the",
      "feel",
      "looks",
      "as",
      // "for good", for ever: capitalized in a title-case headline ("Changed for Good"). After
      // a noun it may be her ("Vigil Held for Good"), so only the verbs of the idiom decide.
      "change for",
      "changed for",
      "changes for",
      "life for",
      "gone for",
      "leave for",
      "leaves for",
      "left for",
      "leaving for",
      "closed for",
      "banned for",
      "over for",
      "quit for",
      "quits for",
      "stay for",
      "stays for",
      "here for",
    ],
    notAfter: [
      "morning",
      "afternoon",
      "evening",
      "night",
      "day",
      "luck",
      "news",
      "job",
      "work",
      "friday",
      "samaritan",
      "shepherd",
      "will",
      "housekeeping",
      "place",
      "life",
      "bye",
      "on",
      "for",
      "to",
      "enough",
      "old",
    ],
    nearby: ["renee", "shooting", "shot", "killed", "killing", "death", "ice", "minneapolis"],
  },
  wired: {
    ordinaryWord: true,
    // The adjective in a title-case headline: "Why Teens Are Wired Differently". Not "is" or
    // "was": "The first to report it was Wired."
    notBefore: ["are", "be", "been", "get", "gets", "got"],
    notAfter: ["up", "for", "into", "to", "in", "with", "together", "connection", "headphones"],
    cuesAfter: ["magazine", "uk", "italia", "japan", "editor", "reporter", "reported", "reports"],
    nearby: ["magazine", "reported", "reporting", "conde"],
  },
  cook: {
    ordinaryWord: false,
    // "How to Cook a Turkey", "Don't Cook your pasta" (isVerbWithObject); "the" and "it" are in
    // notAfter already.
    verbObjects: ["a", "an", "your", "my"],
    // The navigator James Cook after a lower-case title; "Captain Cook" and "Capt. Cook" are
    // a namesake's office already (OFFICE_ABBREVIATIONS, and the title as a given name).
    notBefore: ["captain"],
    notAfter: [
      ", minnesota",
      "islands",
      "county",
      "strait",
      "inlet",
      "the",
      "it",
      "them",
      "until",
      "over",
      "gently",
      "uncovered",
      "covered",
      "for about",
      "time",
      "'s illustrated",
    ],
  },
  dean: {
    ordinaryWord: false,
    notAfter: ["of", "'s list", "'s office", "'s award"],
  },
  tesla: {
    ordinaryWord: false,
    notBefore: ["nikola"],
    notAfter: [
      "coil",
      "coils",
      "pole",
      "poles",
      "tower",
      "unit",
      "units",
      "turbine",
      "valve",
      // the unit of magnetic flux density: "a 3 Tesla MRI", "a 7 Tesla scanner"
      "mri",
      "scanner",
    ],
  },
  // Matched alone before the full name (alias `alone`, decision 0006): "Donald Trump Jr." and
  // "Fred Trump Sr." are his son and father, a "Trump card" is a card.
  trump: {
    ordinaryWord: false,
    notBefore: WOMEN_HONORIFICS,
    notAfter: ["jr", ", jr", "sr", ", sr", "card", "cards"],
    hyphenKeepsName: true,
    // His parents, grandparents, uncle, siblings, wives, children, their spouses and his
    // grandchildren, and the snooker player Judd Trump: the Trumps a title-case headline names
    // with a given name (decision 0006, addendum). More names only make it more cautious.
    namesakeGivenNames: [
      // parents, grandparents, uncle
      "fred",
      "frederick",
      "friedrich",
      "mary",
      "elizabeth",
      "john",
      // siblings, nephew, niece
      "maryanne",
      "freddy",
      "robert",
      // wives, children and their spouses ("Donald" when "Donald Trump" fails, as in "Jr.")
      "ivana",
      "marla",
      "melania",
      "donald",
      "don",
      "ivanka",
      "eric",
      "tiffany",
      "barron",
      "vanessa",
      "lara",
      // grandchildren
      "kai",
      "tristan",
      "spencer",
      "chloe",
      "luke",
      "carolina",
      // namesakes in the news
      "judd",
    ],
  },
  "donald trump": {
    ordinaryWord: false,
    notAfter: ["jr", ", jr"],
    hyphenKeepsName: true,
  },
  google: {
    ordinaryWord: false,
    verbObjects: [
      "the",
      "a",
      "an",
      "it",
      "them",
      "him",
      "her",
      "his",
      "their",
      "my",
      "your",
      "our",
      "its",
      "something",
      "anything",
      "everything",
      "myself",
      "yourself",
      "himself",
      "herself",
      "themselves",
      "ourselves",
      "how",
      "whether",
    ],
  },
  // The animals named for the scent ("Musk deer are hunted for it"), and the melon.
  musk: {
    ordinaryWord: false,
    notAfter: ["deer", "ox", "oxen", "melon"],
  },
  // Tolkien's seeing stone, which the company is named after. Not an ordinary word: that would
  // leave "Palantir Wins Army Deal" unmarked on a page that says nothing else about it.
  palantir: {
    ordinaryWord: false,
    notAfter: ["of orthanc", "stone", "stones"],
  },
  // The cosmologists' principle, capitalized where a sentence or a headline opens with it.
  anthropic: {
    ordinaryWord: false,
    notAfter: ["principle"],
  },
  dhs: {
    ordinaryWord: false,
    // "Minnesota DHS", "Minnesota's DHS", "the state's DHS", "a county DHS": a state's or a
    // county's own department (Human Services), where this story's news is local news.
    notBefore: [
      ...US_STATE_NAMES,
      // The state's last word only: phrases are read at most three tokens back, and "york's"
      // says "New York's" as well.
      ...US_STATE_NAMES.map((state) => `${state.split(" ").pop()}'s`),
      "state",
      "state's",
      "county",
      "county's",
    ],
    notAfterAbbreviations: US_STATE_CODES,
  },
  yuan: {
    ordinaryWord: false,
    notAfter: ["dynasty", "renminbi"],
    // "The Yuan fell": the currency. "The Yuan family" is accepted before this is read.
    notBefore: ["the", "chinese", "billion", "million", "trillion"],
  },
};

/** What every phrase of the rules is written in: printable ASCII. */
const ASCII_PHRASE = /^[\x20-\x7e]*$/;
/** The tokenizer's tokens in ASCII: a run of letters, digits and "_", or one other character. */
const ASCII_TOKENS = /[a-z0-9_]+|[^\sa-z0-9_]/g;

/**
 * A phrase's words as the matcher reads text (tokens, folded). An ASCII phrase is cut with one
 * regular expression, which gives the same tokens without the tokenizer: the rules are compiled
 * on every page, with the engine still cold, and the tokenizer is otherwise needed only where a
 * name may be (tests/unit/matching/rules.test.ts holds the two equal on every phrase).
 */
export function phraseWords(phrase: string): string[] {
  if (ASCII_PHRASE.test(phrase)) return phrase.toLowerCase().match(ASCII_TOKENS) ?? [];
  return tokensAfter(phrase, 0, { start: 0, end: phrase.length }, Number.MAX_SAFE_INTEGER).map(
    (token) => token.text,
  );
}

function compileRule(source: AmbiguityRuleSource): AmbiguityRule {
  return {
    ordinaryWord: source.ordinaryWord,
    articleMakesWeak: source.articleMakesWeak ?? true,
    notBefore: (source.notBefore ?? []).map(phraseWords),
    notAfter: (source.notAfter ?? []).map(phraseWords),
    cuesAfter: new Set(source.cuesAfter ?? []),
    notCuesAfter: new Set(source.notCuesAfter ?? []),
    cuesBefore: new Set(source.cuesBefore ?? []),
    nearby: new Set(source.nearby ?? []),
    notAfterAbbreviations: new Set(source.notAfterAbbreviations ?? []),
    verbObjects: new Set(source.verbObjects ?? []),
    hyphenKeepsName: source.hyphenKeepsName ?? false,
    namesakeGivenNames: source.namesakeGivenNames && new Set(source.namesakeGivenNames),
  };
}

/** Every rule as written, for the tests that check how rules compile. */
export const AMBIGUITY_RULE_SOURCES: Readonly<Record<string, AmbiguityRuleSource>> = SOURCES;

let compiled: Map<string, AmbiguityRule> | undefined;

/** The rule for an alias (folded, lower-cased text), if it is a known ambiguous word. */
export function ambiguityRuleFor(key: string): AmbiguityRule | undefined {
  compiled ??= new Map(
    Object.entries(SOURCES).map(([term, source]) => [term, compileRule(source)]),
  );
  return compiled.get(key);
}

/** For brand aliases without a rule of their own: capitalization rules only. */
export const GENERIC_BRAND_RULE: AmbiguityRule = compileRule({ ordinaryWord: true });

/** Offices abbreviated before a surname ("Sen. Cook"): none of the dataset's people holds one. */
export const OFFICE_ABBREVIATIONS = new Set(
  "sen rep gov gen col capt lt sgt det atty rev st".split(" "),
);

/**
 * Capitalized words that stand before a surname without being a given name: honorifics, titles,
 * roles, and words that open sentences. Another capitalized word there is a namesake's given name,
 * and so is an office none of the dataset's people holds ("Senator Huang", "Officer Good",
 * "Captain Cook", "Rep. Dean"): a namesake on the page leaves the surname unmarked there.
 */
export const NOT_GIVEN_NAMES = new Set([
  // honorifics and titles
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "professor",
  "sir",
  "dame",
  "lord",
  "lady",
  "president",
  "vice",
  "chairman",
  "chairwoman",
  "chair",
  "founder",
  "cofounder",
  "chief",
  "executive",
  "director",
  "former",
  "billionaire",
  "mogul",
  "tycoon",
  "boss",
  "investor",
  "scientist",
  "researcher",
  "engineer",
  "nurse",
  "citizen",
  "ceo",
  "cto",
  "cfo",
  "coo",
  // words that open sentences or clauses
  "the",
  "a",
  "an",
  "and",
  "but",
  "or",
  "so",
  "then",
  "when",
  "while",
  "as",
  "if",
  "after",
  "before",
  "because",
  "since",
  "though",
  "although",
  "meanwhile",
  "still",
  "yet",
  "now",
  "today",
  "yesterday",
  "also",
  "even",
  "unlike",
  "like",
  "including",
  "both",
  "with",
  "without",
  "for",
  "from",
  "by",
  "at",
  "in",
  "on",
  "of",
  "to",
  "how",
  "why",
  "what",
  "where",
  "whether",
  "says",
  "asked",
  "told",
  "according",
  "here",
  "there",
  "this",
  "that",
  // days and months
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
]);

/**
 * Function words a title-case headline capitalizes, never given names: before a surname declared
 * `alone` they are no namesake ("What Is Really Unprecedented Is Trump's Criminality", "More
 * Faithless Electors Than Trump"). Only for `alone` surnames, whose earlier full name is not
 * needed.
 */
export const TITLE_CASE_FUNCTION_WORDS = new Set([
  "is",
  "was",
  "are",
  "were",
  "be",
  "been",
  "has",
  "had",
  "have",
  "do",
  "does",
  "did",
  "can",
  "could",
  "would",
  "should",
  "not",
  "than",
  "against",
  "under",
  "between",
  "about",
  "into",
  "over",
  "versus",
  "vs",
  "once",
  "perhaps",
  "you",
  "we",
  "they",
  "he",
  "she",
]);

/**
 * Short words a title-case headline keeps in lower case between capitalized ones ("Republicans
 * Are Following Trump to Nowhere"): after an `alone` surname they do not end the title-case run.
 */
export const TITLE_CASE_LOWER_WORDS = new Set(
  ["a", "an", "the", "and", "or", "nor", "but", "as", "vs"].concat([
    "to",
    "of",
    "for",
    "at",
    "by",
    "in",
    "on",
    "with",
    "from",
    "into",
    "over",
  ]),
);

/** Quotation marks that may open a quoted headline word; "‘" and "’" are folded to "'". */
export const OPENING_QUOTES = new Set(["'", '"', "“", "„", "«", "‹"]);

/**
 * Capitalized words that open a sentence and may stand right before a name without making it a
 * title-case run ("When Apple said…").
 */
export const SENTENCE_OPENING_WORDS = NOT_GIVEN_NAMES;

/** Hyphenated compounds that keep a brand's company sense: "Apple-designed", "Meta-owned". */
export const COMPANY_HYPHEN_SUFFIXES = new Set([
  "owned",
  "backed",
  "funded",
  "built",
  "based",
  "made",
  "branded",
  "style",
  "like",
  "related",
  "linked",
  "led",
  "run",
  "only",
  "exclusive",
]);

export const ARTICLES = new Set(["the", "a", "an"]);

/**
 * What after an article and an ordinary word or a surname leaves it a noun: a small word ("an
 * Apple a day", "the Oracle at Delphi", "the Amazon in flames"), a verb ("the Dean said"), or the
 * clause's end ("save the Amazon!"). Not conjunctions or a comma, which share the word ("an Apple
 * or Google phone"), nor "on" ("the Signal on her phone").
 */
export const NOUN_AFTER_ARTICLE = new Set(
  "a an the of at for in after is was has had says said will . ! ? : ;".split(" "),
);

/**
 * Endings of a web address after a name ("amazon.com", "google.de"). Only endings that are not
 * English words: with a space missing after a period ("an apple.it was"), "it", "in", "is", "us",
 * "me" or "to" begin the next sentence.
 */
const TOP_LEVEL_DOMAINS = new Set(
  ["com", "net", "org", "io", "gov", "edu"].concat(
    ["jp", "de", "fr", "ca", "cn", "ru", "br", "nl", "ch", "se", "pl", "kr", "tw", "hk", "sg"],
    ["au", "es", "mx", "ar", "cl", "dk", "fi", "ie", "il", "nz", "za"],
  ),
);
/** Levels before a two-letter country code: "google.co.jp", "amazon.com.au", "wired.co.uk". */
const SECOND_LEVEL_DOMAINS = new Set(["co", "com", "ne", "or", "ac", "gov", "org", "net"]);
const COUNTRY_CODE_LENGTH = 2;

/**
 * Whether the name ending at `end` is the name of a web address: a period and a domain ending
 * in lower case follow it, with nothing in between ("www.amazon.com/…", "@wired.com",
 * "google.co.jp"). For `case: also-domain` aliases (docs/decisions/0002-matching-rules.md).
 */
export function namesWebAddress(text: string, end: number, bounds: Bounds): boolean {
  const [dot, level, secondDot, country] = tokensAfter(text, end, bounds, 4);
  const attached = (token: typeof dot) =>
    token !== undefined && !token.spaced && !token.capitalized && !token.allCaps;
  if (dot?.text !== "." || !attached(dot) || !level?.isWord || !attached(level)) return false;
  if (TOP_LEVEL_DOMAINS.has(level.text)) return true;
  return (
    SECOND_LEVEL_DOMAINS.has(level.text) &&
    secondDot?.text === "." &&
    attached(secondDot) &&
    country?.isWord === true &&
    attached(country) &&
    country.text.length === COUNTRY_CODE_LENGTH
  );
}
