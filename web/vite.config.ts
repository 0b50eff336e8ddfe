import { defineConfig, type Plugin } from 'vite';

// The service worker (public/sw.js) caches what this build wrote, listed by name in precache.json, so the app opens
// with no connection after one visit.
function precacheList(): Plugin {
  return {
    name: 'samples-precache-list',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map')).sort();
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(['./', ...files, 'manifest.webmanifest', 'icon.svg']) });
    },
  };
}

export default defineConfig({
  base: '/app/',
  plugins: [precacheList()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, assetsInlineLimit: 0 },
});
