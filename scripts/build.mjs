#!/usr/bin/env node
/**
 * npm run build   (and before every `npm start`): TypeScript → dist/ with SWC, only what changed.
 *
 * SWC only strips types (one file at a time, in native threads), so a full build takes about a
 * second and an unchanged tree a few milliseconds; `npm run typecheck` (tsc, run before every
 * `npm test`) is what checks the types. The options mirror tsconfig.json and jest.config.js:
 * CommonJS, ES2022, legacy decorators with their metadata (Nest's injection reads the
 * constructor parameters' types), no define semantics for class fields.
 *
 * A file is compiled again when it is newer than its output; outputs whose source is gone are
 * deleted; a change of these options, of this script or of SWC's version rebuilds everything.
 * `node scripts/build.mjs --clean` starts from an empty dist/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist');
const STAMP = join(OUT, '.build-stamp');
const require = createRequire(import.meta.url);
/** Read without loading the native compiler, which an up-to-date tree never needs. */
const SWC_VERSION = require('@swc/core/package.json').version;

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

/** What tsconfig.build.json builds: its `include` (folders as `dir/**\/*.ts`, or single files), less specs. */
function sources() {
  const { include } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8'));
  const files = [];
  for (const pattern of include) {
    const folder = /^(.+)\/\*\*\/\*\.ts$/.exec(pattern)?.[1];
    if (folder) walk(join(ROOT, folder), files);
    else if (existsSync(join(ROOT, pattern))) files.push(join(ROOT, pattern));
  }
  return files.filter((file) => !file.endsWith('.spec.ts') && !file.endsWith('.d.ts'));
}

function walk(dir, files) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else if (entry.name.endsWith('.ts')) files.push(path);
  }
}

function outputOf(source) {
  return join(OUT, relative(ROOT, source)).replace(/\.ts$/, '.js');
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** Everything that changes what a given source compiles to, other than the source itself. */
function buildStamp() {
  return createHash('sha256')
    .update(JSON.stringify(SWC_OPTIONS))
    .update(SWC_VERSION)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex');
}

async function compile(swc, source) {
  const output = outputOf(source);
  const name = output.split(sep).pop();
  const { code, map } = await swc.transformFile(source, { ...SWC_OPTIONS, filename: source, outputPath: output, sourceFileName: relative(dirname(output), source) });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${code}\n//# sourceMappingURL=${name}.map\n`);
  writeFileSync(`${output}.map`, map);
}

/** Outputs (and their maps) left by sources that were deleted or renamed. */
function removeStale(expected) {
  const removed = [];
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.js') && !expected.has(path)) {
        rmSync(path);
        rmSync(`${path}.map`, { force: true });
        removed.push(path);
      }
    }
  };
  visit(OUT);
  return removed;
}

async function main() {
  const started = performance.now();
  const stamp = buildStamp();
  const clean = process.argv.includes('--clean') || !existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== stamp;
  if (clean) rmSync(OUT, { recursive: true, force: true });
  const all = sources();
  const changed = all.filter((source) => mtime(outputOf(source)) < mtime(source));
  // SWC compiles in native threads; a few files in flight per core keep them all busy.
  const inFlight = availableParallelism() * 4;
  const swc = changed.length > 0 ? require('@swc/core') : undefined;
  for (let i = 0; i < changed.length; i += inFlight) {
    await Promise.all(changed.slice(i, i + inFlight).map((source) => compile(swc, source)));
  }
  const removed = removeStale(new Set(all.map(outputOf)));
  mkdirSync(OUT, { recursive: true });
  writeFileSync(STAMP, stamp);
  if (changed.length > 0 || removed.length > 0 || process.argv.includes('--verbose')) {
    const ms = Math.round(performance.now() - started);
    console.log(`Built ${changed.length} of ${all.length} files${removed.length ? `, removed ${removed.length} stale` : ''} in ${ms} ms (SWC ${SWC_VERSION}).`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
