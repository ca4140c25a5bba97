/** Tests that run Wireshark's tshark. Run with `npm run test:tshark`. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/interop/**/*.tshark.ts'],
    testTimeout: 60_000,
  },
});
