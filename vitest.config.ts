// Test runner configuration: unit tests beside the code, end-to-end suites under test/.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The renderer's component tests import .vue files.
  plugins: [vue()],
  test: {
    include: [
      'engine/**/*.test.ts',
      'main/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
      'renderer/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
