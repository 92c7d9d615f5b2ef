import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyTemplate, templateStore } from './embedded-template';

describe('the embedded data directory template', () => {
  let cache: string;
  beforeEach(() => (cache = mkdtempSync(join(tmpdir(), 'shop-template-'))));
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  /** Stands in for PGlite's initdb: the files a data directory starts with. */
  const initdb = (marker: string) => async (folder: string) => writeFileSync(join(folder, 'PG_VERSION'), marker);

  it('is made once per PGlite version, kept, and copied into new data directories', async () => {
    const store = templateStore('0.5.14', cache);
    expect(store.existing()).toBeUndefined();
    const made = await store.make(initdb('18'));
    made.discard();
    expect(store.existing()).toBe(made.folder);
    expect(templateStore('0.6.0', cache).existing()).toBeUndefined();

    const dataDir = join(cache, 'data', 'pgdata');
    copyTemplate(store.existing()!, dataDir);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe('18');
    expect(existsSync(`${dataDir}.copying`)).toBe(false);
  });

  it('lets two processes make it at once: the first rename wins, the other copies from its own and cleans up', async () => {
    const store = templateStore('0.5.14', cache);
    const [first, second] = await Promise.all([store.make(initdb('a')), store.make(initdb('b'))]);
    const kept = [first, second].find((made) => made.folder === store.existing())!;
    const other = kept === first ? second : first;
    expect(kept).toBeDefined();
    expect(readFileSync(join(other.folder, 'PG_VERSION'), 'utf8')).toMatch(/^[ab]$/);
    other.discard();
    expect(existsSync(other.folder)).toBe(false);
    expect(store.existing()).toBe(kept.folder);
  });

  it('leaves nothing behind when initdb fails', async () => {
    const store = templateStore('0.5.14', cache);
    await expect(store.make(async () => Promise.reject(new Error('no space left')))).rejects.toThrow('no space left');
    expect(store.existing()).toBeUndefined();
    expect(readdirSync(cache)).toEqual([]);
  });
});
