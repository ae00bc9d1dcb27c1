/**
 * npm run bench:startup -- [--rounds N] [--only NAME[,NAME...]]
 *
 * What a page pays for the content script's start and its pass, with the page sieve this build
 * stored (decision 0009) and without one, in the same browser and the same pages: the built
 * extension loads each page twice a round, once with this build's stored sieve and once with a
 * record of "another build", which the page ignores (it has no sieve then and reads every
 * block, as the first pages after an install do), in alternating order.
 * Prints, per page, the median over rounds of the extension's longest task (the content script's
 * own timing: compiling the matcher, each slice), both ways and their ratio, then the median
 * ratio. Needs the measuring build (`npm run build:measure`), the one whose content script times
 * its own tasks. Method: docs/performance.md.
 */
import { STORED_SIEVE_KEY, type StoredSieve } from "../lib/settings/sieve-store";
import { isSelected } from "./bench/args";
import { readCorpus, spreadOverSize } from "./bench/corpus";
import { recordTasks, TASK_RECORDER_SCRIPT } from "./bench/measure";
import { blockOtherRequests, startBenchServer } from "./bench/server";
import { median, round } from "./bench/stats";
import { runCommand } from "./command";
import { launchWithExtension, waitForStoredSieve, writeExtensionStorage } from "./demo/browser";
import { MEASURING_EXTENSION_DIR } from "./paths";

const USAGE = "usage: npm run bench:startup -- [--rounds N] [--only NAME[,NAME...]]";
const DEFAULT_ROUNDS = 8;
/** Corpus pages when --only does not say, spread over size, beside the one-paragraph page. */
const DEFAULT_CORPUS_PAGES = 4;
/** The smallest page: what is left is the start itself. */
const PARAGRAPH_PAGE = "paragraph.html";
const PARAGRAPH_HTML =
  "<!doctype html><html><head><title>One paragraph</title></head><body><p>Tim Cook said " +
  "nothing about the weather, and a good cook said less.</p></body></html>";

interface StartupOptions {
  rounds: number;
  only?: string;
}

/** The options, USAGE for --help, or what is wrong with the command line. */
function parseArguments(argv: readonly string[]): StartupOptions | string {
  let rounds = DEFAULT_ROUNDS;
  let only: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === "--help" || argument === "-h") return USAGE;
    if (argument === "--rounds") {
      if (!Number.isInteger(Number(value)) || Number(value) < 1)
        return "--rounds needs a positive integer";
      rounds = Number(value);
    } else if (argument === "--only") {
      if (!value) return "--only needs a value";
      only = value;
    } else return `unknown option ${argument}`;
    index += 1;
  }
  return only === undefined ? { rounds } : { rounds, only };
}

async function main(options: StartupOptions): Promise<void> {
  const corpus = readCorpus();
  const chosen = options.only
    ? corpus.filter((page) => isSelected(page.name, options.only))
    : spreadOverSize(corpus, DEFAULT_CORPUS_PAGES);
  const server = await startBenchServer(new Map([[PARAGRAPH_PAGE, PARAGRAPH_HTML]]));
  const targets = [
    ...(options.only ? [] : [{ name: "one paragraph", url: server.syntheticUrl(PARAGRAPH_PAGE) }]),
    ...chosen.map((page) => ({ name: page.name, url: server.corpusUrl(page.path) })),
  ];
  // Closed whatever fails after it starts (no build, no page), or the process never exits.
  try {
    if (targets.length === 0) throw new Error(`no page matches --only ${options.only}`);
    await measure(server, targets, options.rounds);
  } finally {
    await server.close();
  }
}

async function measure(
  server: Awaited<ReturnType<typeof startBenchServer>>,
  targets: readonly { name: string; url: string }[],
  rounds: number,
): Promise<void> {
  const browser = await launchWithExtension({ extensionDir: MEASURING_EXTENSION_DIR });
  try {
    await blockOtherRequests(browser.context, server);
    await browser.context.addInitScript(TASK_RECORDER_SCRIPT);
    const stored = await waitForStoredSieve(browser.serviceWorker);
    const ways = {
      stored,
      none: { ...stored, key: `another build than ${stored.key}` },
    };
    const store = (record: StoredSieve) =>
      writeExtensionStorage(browser.serviceWorker, STORED_SIEVE_KEY, record);
    const ratios: number[] = [];
    console.log("page\tnone ms\tstored ms\tstored/none");
    for (const target of targets) {
      const times: Record<keyof typeof ways, number[]> = { stored: [], none: [] };
      for (let round = 0; round < rounds; round++) {
        const order: (keyof typeof ways)[] =
          round % 2 === 0 ? ["none", "stored"] : ["stored", "none"];
        for (const way of order) {
          await store(ways[way]);
          const record = await recordTasks(browser.context, target.name, target.url, false);
          if (record.ownLongestTaskMs !== null) times[way].push(record.ownLongestTaskMs);
        }
      }
      const none = median(times.none);
      const withStored = median(times.stored);
      ratios.push(withStored / none);
      console.log(
        `${target.name}\t${round(none, 1)}\t${round(withStored, 1)}\t${round(withStored / none)}`,
      );
    }
    await store(stored);
    console.log(`median stored/none over ${targets.length} pages: ${round(median(ratios))}`);
  } finally {
    await browser.close();
  }
}

runCommand("bench:startup", USAGE, parseArguments(process.argv.slice(2)), async (options) => {
  await main(options);
  return 0;
});
