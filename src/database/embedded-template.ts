import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFromRoot } from '../common/paths';

/** What a fresh data directory starts from: PGlite's own files, made by `initdb` once. */
export interface TemplateStore {
  /** The template's folder for this PGlite version, when one was made already. */
  existing(): string | undefined;
  /**
   * Makes the template with `initdb` (a callback that creates and closes a database in the
   * folder it is given) and returns where it is. Two processes may race to make it: each
   * builds in a folder of its own and the first rename wins; the loser copies from its own.
   */
  make(initdb: (folder: string) => Promise<void>): Promise<{ folder: string; discard: () => void }>;
}

/**
 * Creating a PGlite data directory runs initdb inside WebAssembly: most of a fresh start (2–4
 * s on a quiet machine, over ten on a busy one), and the same files every time. So the first
 * one is kept, per PGlite version, in node_modules/.cache, and later fresh directories are
 * copied from it (a few hundred milliseconds) and opened like an existing one. Without a
 * writable cache the shop simply runs initdb each time.
 */
export function templateStore(pgliteVersion: string, cacheDir = resolveFromRoot('node_modules', '.cache', 'shop')): TemplateStore {
  const folder = join(cacheDir, `pglite-${pgliteVersion}-pgdata`);
  return {
    existing: () => (existsSync(join(folder, 'PG_VERSION')) ? folder : undefined),
    async make(initdb) {
      // Random, not the time: two makes in one process within a millisecond must not share a folder.
      const own = `${folder}.${process.pid}.${randomBytes(6).toString('hex')}`;
      mkdirSync(own, { recursive: true });
      try {
        await initdb(own);
      } catch (error) {
        rmSync(own, { recursive: true, force: true });
        throw error;
      }
      try {
        renameSync(own, folder);
        return { folder, discard: () => undefined };
      } catch {
        // Another process made it first (or the cache is read-only): use ours this once.
        return { folder: own, discard: () => rmSync(own, { recursive: true, force: true }) };
      }
    },
  };
}

/**
 * Copies a template into a new, empty data directory: beside it first, then renamed into
 * place, so a start interrupted halfway never leaves a directory that looks like a database.
 */
export function copyTemplate(template: string, location: string): void {
  const partial = `${location}.copying`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(template, partial, { recursive: true });
  rmSync(location, { recursive: true, force: true });
  renameSync(partial, location);
}
