import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** `npm run dev`: Vite's hot reload over the same workspace API as `plumb serve` (examples/). */
function workspaceApi(): Plugin {
  return {
    name: 'plumb-workspace-api',
    async configureServer(server) {
      // Loaded through Vite itself, so the config stays free of the server's imports.
      const { createWorkspaceHandler } = (await server.ssrLoadModule(
        '/src/server/server.ts',
      )) as typeof import('./src/server/server');
      const folder = process.env.PLUMB_WORKSPACE ?? 'examples';
      const handler = createWorkspaceHandler({ folder, checkHost: false });
      server.middlewares.use((req, res, next) => {
        if (req.url === '/api' || req.url?.startsWith('/api/')) void handler(req, res);
        else next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), workspaceApi()],
  server: { host: '127.0.0.1', port: 5173 },
  worker: { format: 'es' },
  build: { chunkSizeWarningLimit: 3000 },
});
