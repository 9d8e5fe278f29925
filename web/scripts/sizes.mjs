// Prints what each package costs a page: its bundle minified, and minified + gzipped.
// @authpipe/connect alone; @authpipe/react with react and react-dom external (so it includes @authpipe/connect);
// the demo page's whole bundle (React included) for reference. Run after `npm run build`.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const REACT_EXTERNALS = ['react', 'react-dom', 'react/jsx-runtime'];

async function bundledSize(entryPoint, external) {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    external,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
}

function row(name, bytes) {
  const kib = (count) => (count / 1024).toFixed(1).padStart(6) + ' KiB';
  return `${name.padEnd(44)} ${kib(bytes.length)} min ${kib(gzipSync(bytes, { level: 9 }).length)} min+gzip`;
}

console.log(row('@authpipe/connect', await bundledSize('connect/dist/index.js', [])));
console.log(row('@authpipe/react (+connect; react external)', await bundledSize('react/dist/index.js', REACT_EXTERNALS)));
console.log(row('demo/dist/demo.js (whole page, React included)', await readFile('demo/dist/demo.js')));
