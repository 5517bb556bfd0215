// Trunk's post-build steps that need JavaScript tools (Trunk.toml runs them
// on the staging folder, TRUNK_STAGING_DIR, or on --dir):
//
//   node xtask/finish-dist.mjs minify    wasm-bindgen's JS glue, boot.js,
//                                        loader.js, embed.js and mount.js,
//                                        with terser
//   node xtask/finish-dist.mjs minify-sw sw.js, with terser: after xtask has
//                                        written the precache list into it
//                                        (its placeholders are quoted strings
//                                        that terser may requote)
//   node xtask/finish-dist.mjs compress  a .gz (gzip -9) and a .br (brotli 11)
//                                        beside every text and wasm file
//
// Why `minify`: Trunk's own minifier (minify-js) cannot parse the glue's
// last line, `export { initSync, __wbg_init as default };` ("Failed to
// minify JS: RequiredTokenNotFound(Identifier) [token=Some(KeywordDefault)]")
// and ships the file as it is: correct, only larger. terser reads it.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { minify } from 'terser';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const dir = path.resolve(arg('--dir', process.env.TRUNK_STAGING_DIR || 'dist'));
const command = process.argv[2];

function walk(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(folder, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

// The wasm-bindgen glue: Trunk names it after the crate, with the hash.
const GLUE = /^backup-doctor-[0-9a-f]+\.js$/;
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|svg|json|webmanifest|txt)$/;

// The scripts Trunk copies as they are written (it minifies only the
// assets it bundles), and whether each is a module: the two of the first
// load beside the glue, and the two a portal's page loads to embed the app
// (mount.js's placeholders are whole strings, which terser keeps; xtask
// fails the build if one is gone).
const SCRIPTS = [
  ['boot.js', false],
  ['loader.js', true],
  ['embed.js', false],
  ['mount.js', true],
];

async function minifyFile(file, module) {
  const code = fs.readFileSync(file, 'utf8');
  // A comment that starts `/*!` is kept: embed.js says where its
  // documentation is.
  const out = await minify(code, { module, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: /^!/ } });
  fs.writeFileSync(file, out.code);
  console.log(`finish-dist: ${path.basename(file)} minified, ${code.length} -> ${out.code.length} bytes`);
}

async function minifyGlue() {
  const files = walk(dir).filter((f) => GLUE.test(path.basename(f)));
  if (files.length === 0) throw new Error(`no wasm-bindgen glue (backup-doctor-*.js) in ${dir}`);
  for (const file of files) await minifyFile(file, true);
  for (const [name, module] of SCRIPTS) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`no ${name} in ${dir}`);
    await minifyFile(file, module);
  }
}

function compress() {
  let count = 0;
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = fs.readFileSync(file);
    fs.writeFileSync(file + '.gz', zlib.gzipSync(body, { level: 9 }));
    fs.writeFileSync(
      file + '.br',
      zlib.brotliCompressSync(body, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    );
    count++;
  }
  console.log(`finish-dist: ${count} files precompressed (.gz, .br)`);
}

try {
  if (command === 'minify') await minifyGlue();
  else if (command === 'minify-sw') await minifyFile(path.join(dir, 'sw.js'), false);
  else if (command === 'compress') compress();
  else throw new Error('usage: finish-dist.mjs minify|minify-sw|compress [--dir DIR]');
} catch (err) {
  console.error(`finish-dist: ${err.message}`);
  process.exit(1);
}
