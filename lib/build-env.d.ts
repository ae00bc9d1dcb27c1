/** Constants the build writes into the bundles (wxt.config.ts). */
interface ImportMetaEnv {
  /**
   * The SHA-256 of the page sieve this build makes (wxt.config.ts): see
   * lib/settings/sieve-store.ts.
   */
  readonly RECEIPTS_SIEVE_KEY: string;
  /**
   * True in the bench's measuring build only (`npm run build:measure`, wxt.config.ts): the
   * content script then writes its task times on the page (lib/content/task-meter.ts).
   */
  readonly RECEIPTS_MEASURING_BUILD: boolean;
}
