import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project root, found by walking up to package.json: the same answer from `src/` (jest)
 * and from `dist/src/` (npm start).
 */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(__dirname);

export function resolveFromRoot(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
