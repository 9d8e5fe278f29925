// Builds the demo page into dist/: index.html and one minified bundle, dist/demo.js (React in production mode,
// @authpipe/react and @authpipe/connect from their built dist/). ./authpipe serves dist/ at /demo/.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

await rm('dist', { recursive: true, force: true });
await mkdir('dist');
await build({
  entryPoints: ['src/main.tsx'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  outfile: 'dist/demo.js',
  logLevel: 'warning',
});
await copyFile('index.html', 'dist/index.html');
