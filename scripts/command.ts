/**
 * How the scripts start, all in the same way: `--help` prints the usage on stdout (status 0); a
 * command line that does not parse prints what is wrong and the usage on stderr (status 2);
 * otherwise the command runs, and its status is what it returns, or 1 with the error's message
 * when it throws.
 */
export function runCommand<Options>(
  name: string,
  usage: string,
  /** The parsed options; `usage` itself for --help; any other string says what is wrong. */
  parsed: Options | string,
  run: (options: Options) => number | Promise<number>,
): void {
  if (parsed === usage) {
    console.log(usage);
    return;
  }
  if (typeof parsed === "string") {
    console.error(`${name}: ${parsed}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  Promise.resolve()
    .then(() => run(parsed))
    .then(
      (status) => {
        process.exitCode = status;
      },
      (error: unknown) => {
        console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      },
    );
}
