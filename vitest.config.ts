import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/test/**/*.test.ts', 'training/test/**/*.test.ts', 'visualizer/test/**/*.test.ts', 'control-surface/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // End-to-end suites start daemons and a JACK server; running files one at a time keeps ports and the 2-core machine sane.
    fileParallelism: false,
  },
});
