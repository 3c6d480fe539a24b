import { defineConfig } from 'vite';

// Built into dist/ and served by the gateway at `/` (SPA fallback). `npm run dev` proxies the
// API to a gateway on :4000 so the UI can be worked on with hot reload.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/artifacts': 'http://127.0.0.1:4000',
      '/queues': 'http://127.0.0.1:4000',
    },
  },
});
