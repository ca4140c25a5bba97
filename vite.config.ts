import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: './',
  plugins: [react()],
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup-catalog.ts', 'test/setup-validator.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
  },
});
