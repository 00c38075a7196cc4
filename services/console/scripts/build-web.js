#!/usr/bin/env node
// Builds the console's single-page app when web/dist is missing or older than its sources, then prints what the
// first page ships: the entry script and the chunks index.html preloads, gzip (the browser test holds it to 350 kB).
// Usage: node services/console/scripts/build-web.js [--force] [--json]
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const WEB = join(__dirname, '..', 'web');
const DIST = join(WEB, 'dist');
const BUDGET_KB = 350;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newestSource(join(WEB, 'src')), statSync(join(WEB, 'index.html')).mtimeMs, statSync(join(WEB, 'vite.config.mjs')).mtimeMs);
  return statSync(index).mtimeMs < sources;
}

/** The scripts index.html loads before anything renders: its module entry and its modulepreloads. */
function firstPageScripts() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(refs)].map((ref) => {
    const raw = readFileSync(join(DIST, ref));
    return { file: ref, rawKb: raw.length / 1024, gzipKb: gzipSync(raw, { level: 9 }).length / 1024 };
  });
}

async function main() {
  const force = process.argv.includes('--force');
  if (force || isStale()) {
    const { build } = await import('vite');
    await build({ configFile: join(WEB, 'vite.config.mjs') });
  }
  const scripts = firstPageScripts();
  const gzipKb = scripts.reduce((sum, s) => sum + s.gzipKb, 0);
  const summary = { firstPageGzipKb: Number(gzipKb.toFixed(1)), budgetKb: BUDGET_KB, scripts: scripts.map((s) => ({ ...s, rawKb: Number(s.rawKb.toFixed(1)), gzipKb: Number(s.gzipKb.toFixed(1)) })) };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stderr.write(`console: first page ships ${summary.firstPageGzipKb} kB of JavaScript gzip (budget ${BUDGET_KB} kB): ${scripts.map((s) => s.file).join(', ')}\n`);
  if (gzipKb > BUDGET_KB) process.stderr.write(`console: over the ${BUDGET_KB} kB budget for the first page\n`);
}

main().catch((error) => {
  process.stderr.write(`console: build failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
