/** The sweep's command line, parsed without side effects. */

export interface SweepArgs {
  build: boolean;
  pagesDir: string;
  limit?: number;
  only?: string;
  /** A page list file (like tests/fixtures/sweep-subset.txt) to sweep instead of every page. */
  subset?: string;
  workers?: number;
  report: string;
  extensionDir: string;
  index: string;
  quality: boolean;
  labels: string;
  help: boolean;
}

export const USAGE = `usage: npm run sweep -- [options]

  --pages DIR       saved pages to sweep (each *.html or */source.html); default ../shared/corpus/pages
  --subset FILE     only the pages listed in FILE (one name a line, # comments)
  --only NAME       only the page with this name, or whose name contains it
  --limit N         only the first N pages
  --workers N       browsers with the extension, at most 2 (default 2)
  --no-build        use the extension already built in .output/chrome-mv3
  --report FILE     where to write the JSON report (default sweep-report.json)
  --extension DIR   the built extension (default .output/chrome-mv3)
  --index FILE      the match index marks are checked against (default data/match-index.json)
  --quality         print precision and recall against --labels, in Node (no browser sweep)
  --labels FILE     labelled mentions (default tests/fixtures/corpus-labels.tsv)
`;

export interface ArgDefaults {
  pagesDir: string;
  report: string;
  extensionDir: string;
  index: string;
  labels: string;
}

function positiveInteger(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${flag} needs a positive whole number, got ${value ?? "nothing"}`);
  return number;
}

export function parseSweepArgs(argv: string[], defaults: ArgDefaults): SweepArgs {
  const args: SweepArgs = { build: true, quality: false, help: false, ...defaults };
  for (let at = 0; at < argv.length; at += 1) {
    const flag = argv[at] as string;
    const value = (): string => {
      const next = argv[at + 1];
      if (next === undefined || next.startsWith("--")) throw new Error(`${flag} needs a value`);
      at += 1;
      return next;
    };
    switch (flag) {
      case "--no-build":
        args.build = false;
        break;
      case "--pages":
        args.pagesDir = value();
        break;
      case "--subset":
        args.subset = value();
        break;
      case "--only":
        args.only = value();
        break;
      case "--limit":
        args.limit = positiveInteger(flag, value());
        break;
      case "--workers":
        args.workers = positiveInteger(flag, value());
        break;
      case "--report":
        args.report = value();
        break;
      case "--extension":
        args.extensionDir = value();
        break;
      case "--index":
        args.index = value();
        break;
      case "--quality":
        args.quality = true;
        break;
      case "--labels":
        args.labels = value();
        break;
      case "--help":
      case "-h":
        args.help = true;
        break;
      default:
        throw new Error(`Unknown option ${flag}\n\n${USAGE}`);
    }
  }
  return args;
}
