import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // a folder for the run's Neo4j server, started by the first suite that needs it, and its shutdown
    globalSetup: ['tests/setup/neo4j-global.ts'],
  },
});
