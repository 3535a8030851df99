import { defineConfig } from 'vite';

export default defineConfig({
  base: '/control/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
