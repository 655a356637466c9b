import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway under /console (same origin as the API), so every URL the build
// writes is absolute under that base.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../../dist/apps/console',
    emptyOutDir: true,
    reportCompressedSize: false,
  },
});
