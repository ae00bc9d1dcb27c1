/**
 * The environment for building the extension from a test: the test runner sets NODE_ENV=test,
 * which a build inherits and which makes Preact's JSX its development form (a file name and line
 * number on every element, 500 bytes more gzipped). The tests load what ships: a production
 * build.
 */
export const PRODUCTION_BUILD_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
