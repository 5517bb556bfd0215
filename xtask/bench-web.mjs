// The web benchmark (`cargo xtask bench-web` builds first, then runs this):
// Lighthouse 12.2.3's mobile preset (simulated slow 4G, 4x CPU slowdown)
// on the app's home screen (in English, and for a browser set to French),
// on a deep link to a question (`#/check`) and on the floor (an empty Yew app, `floor/`), each served with gzip on
// loopback, three runs each, interleaved so the machine's load falls on
// all of them alike. Writes target/bench/web.json and prints the medians.
//
//   node xtask/bench-web.mjs --app dist --floor target/bench/floor-dist [--runs 3] [--out target/bench/web.json] [--keep DIR]
//
// `--keep DIR` keeps every Lighthouse report (for its long tasks, its
// main-thread breakdown and the trace summary).

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const appDir = path.resolve(arg('--app', path.join(root, 'dist')));
const floorDir = path.resolve(arg('--floor', path.join(root, 'target', 'bench', 'floor-dist')));
const runs = Number(arg('--runs', '3'));
const out = path.resolve(arg('--out', path.join(root, 'target', 'bench', 'web.json')));
const keep = arg('--keep', null);
const lighthouse = path.join(root, 'node_modules', '.bin', 'lighthouse');
const chrome = process.env.BD_CHROMIUM || '/usr/bin/chromium';

function runLighthouse(url, tmp, name, chromeFlags = '') {
  const report = path.join(tmp, 'report.json');
  const args = [
    url,
    '--quiet',
    `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync ${chromeFlags}`.trim(),
    '--output=json',
    `--output-path=${report}`,
    '--only-categories=performance,accessibility,best-practices',
  ];
  return new Promise((resolve, reject) => {
    execFile(lighthouse, args, { env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 1 << 26 }, (err, _stdout, stderr) => {
      if (err) return reject(new Error(`lighthouse ${url}: ${err.message}\n${stderr}`));
      const lhr = JSON.parse(fs.readFileSync(report, 'utf8'));
      if (keep) {
        fs.mkdirSync(keep, { recursive: true });
        fs.copyFileSync(report, path.join(keep, `${name.replace(/\W+/g, '-')}-${Date.now()}.json`));
      }
      if (lhr.runtimeError) return reject(new Error(`lighthouse ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`));
      const a = lhr.audits;
      const score = (c) => (lhr.categories[c] && lhr.categories[c].score !== null ? Math.round(lhr.categories[c].score * 100) : null);
      resolve({
        score: score('performance'),
        lcp_ms: Math.round(a['largest-contentful-paint'].numericValue),
        tbt_ms: Math.round(a['total-blocking-time'].numericValue),
        cls: Number(a['cumulative-layout-shift'].numericValue.toFixed(4)),
        fcp_ms: Math.round(a['first-contentful-paint'].numericValue),
        transfer_bytes: Math.round(a['total-byte-weight'].numericValue),
        accessibility: score('accessibility'),
        best_practices: score('best-practices'),
      });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const FIELDS = ['score', 'lcp_ms', 'tbt_ms', 'cls', 'fcp_ms', 'transfer_bytes', 'accessibility', 'best_practices'];

async function main() {
  for (const [what, dir] of [['app', appDir], ['floor', floorDir]]) {
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${what}: ${dir}/index.html not found; build first`);
  }
  if (!fs.existsSync(lighthouse)) throw new Error('lighthouse is not installed; run `cargo xtask setup`');
  const app = await startStaticServer({ dir: appDir, gzip: true });
  // The floor keeps Trunk's inline start-up script: served without the CSP.
  const floor = await startStaticServer({ dir: floorDir, gzip: true, csp: '' });
  // The home screen for a French browser too: index.html holds the English
  // screens, and boot.js paints the French ones in their place.
  const pages = [
    ['app home', app.url],
    ['app #/check', app.url + '#/check'],
    ['app home (fr)', app.url, '--lang=fr-FR --accept-lang=fr-FR'],
    ['floor', floor.url],
  ];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-lighthouse-'));
  const samples = Object.fromEntries(pages.map(([name]) => [name, []]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, url, flags] of pages) {
        const r = await runLighthouse(url, tmp, name, flags);
        samples[name].push(r);
        console.log(`run ${i + 1}/${runs} ${name}: score ${r.score}, LCP ${r.lcp_ms} ms, TBT ${r.tbt_ms} ms, CLS ${r.cls}, ${r.transfer_bytes} bytes`);
      }
    }
  } finally {
    await app.close();
    await floor.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const result = { lighthouse: '12.2.3', preset: 'mobile (simulated slow 4G, 4x CPU)', runs, date: new Date().toISOString(), pages: {} };
  for (const [name] of pages) {
    const median_ = Object.fromEntries(FIELDS.map((f) => [f, median(samples[name].map((r) => r[f]))]));
    result.pages[name] = { median: median_, runs: samples[name] };
  }
  const floorLcp = result.pages.floor.median.lcp_ms;
  for (const [name] of pages) result.pages[name].median.lcp_vs_floor = Number((result.pages[name].median.lcp_ms / floorLcp).toFixed(2));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');

  const rows = [
    ['performance score', 'score', (v) => String(v)],
    ['LCP', 'lcp_ms', (v) => `${(v / 1000).toFixed(2)} s`],
    ['LCP / floor', 'lcp_vs_floor', (v) => `${v.toFixed(2)}x`],
    ['TBT', 'tbt_ms', (v) => `${v} ms`],
    ['CLS', 'cls', (v) => String(v)],
    ['FCP', 'fcp_ms', (v) => `${(v / 1000).toFixed(2)} s`],
    ['bytes transferred', 'transfer_bytes', (v) => `${(v / 1000).toFixed(1)} KB`],
    ['accessibility', 'accessibility', (v) => String(v)],
    ['best practices', 'best_practices', (v) => String(v)],
  ];
  const header = `| median of ${runs} | ${pages.map(([n]) => n).join(' | ')} |`;
  console.log('\n' + header);
  console.log(`|---|${pages.map(() => '---:').join('|')}|`);
  for (const [label, field, fmt] of rows) {
    console.log(`| ${label} | ${pages.map(([n]) => fmt(result.pages[n].median[field])).join(' | ')} |`);
  }
  console.log(`\nwritten to ${path.relative(root, out)}`);
}

main().catch((err) => {
  console.error(`bench-web: ${err.message}`);
  process.exit(1);
});
