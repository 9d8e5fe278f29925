import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * One vitest run for the whole workspace: the core's unit tests (plain Node: they use fakes of the browser) and the
 * React component tests (happy-dom).
 */
export default defineConfig({
  resolve: {
    // Test the sources, so that `npm test` does not need a build first.
    alias: {
      '@authpipe/connect': fileURLToPath(new URL('./connect/src/index.ts', import.meta.url)),
      '@authpipe/react': fileURLToPath(new URL('./react/src/index.ts', import.meta.url)),
    },
  },
  test: {
    restoreMocks: true,
    projects: [
      { extends: true, test: { name: 'connect', include: ['connect/test/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'react', include: ['react/test/**/*.test.tsx'], environment: 'happy-dom' } },
    ],
  },
});
