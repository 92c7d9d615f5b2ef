import { readdirSync } from 'node:fs';
import { MIGRATIONS } from './index';

describe('migrations list', () => {
  it('lists every migration file in migrations/, in order', () => {
    const files = readdirSync(__dirname)
      .filter((file) => /^Migration\d+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(files);
  });
});
