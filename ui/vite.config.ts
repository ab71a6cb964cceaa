import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Tauri shell embeds ui/dist and serves it from its own custom protocol, so every
// asset URL is relative (base './') and the bundle never reaches for the network.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  clearScreen: false,
  // tauri.conf.json's devUrl is http://localhost:5173.
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
