/** Constants the build writes into the bundles (wxt.config.ts). */
interface ImportMetaEnv {
  /**
   * The SHA-256 of the page sieve this build makes (wxt.config.ts): see
   * lib/settings/sieve-store.ts.
   */
  readonly RECEIPTS_SIEVE_KEY: string;
}
