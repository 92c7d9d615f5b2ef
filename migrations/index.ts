import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125151055 } from './Migration20261125151055';
import { Migration20261125152827 } from './Migration20261125152827';
import { Migration20261125153521 } from './Migration20261125153521';
import { Migration20261125154447 } from './Migration20261125154447';
import { Migration20261125154721 } from './Migration20261125154721';
import { Migration20261125155432 } from './Migration20261125155432';
import { Migration20261125160243 } from './Migration20261125160243';
import { Migration20261125162124 } from './Migration20261125162124';
import { Migration20261202031455 } from './Migration20261202031455';
import { Migration20261202031836 } from './Migration20261202031836';
import { Migration20261202032000 } from './Migration20261202032000';
import { Migration20261202032348 } from './Migration20261202032348';
import { Migration20261202032451 } from './Migration20261202032451';
import { Migration20261202061008 } from './Migration20261202061008';
import { Migration20261202064500 } from './Migration20261202064500';
import { Migration20261202070000 } from './Migration20261202070000';
import { Migration20261202190000 } from './Migration20261202190000';

/**
 * Every migration, in order. `npm run migration:create` writes a new file here; add it to this
 * list (a unit test fails when a migration file is missing from it).
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125151055', class: Migration20261125151055 },
  { name: 'Migration20261125152827', class: Migration20261125152827 },
  { name: 'Migration20261125153521', class: Migration20261125153521 },
  { name: 'Migration20261125154447', class: Migration20261125154447 },
  { name: 'Migration20261125154721', class: Migration20261125154721 },
  { name: 'Migration20261125155432', class: Migration20261125155432 },
  { name: 'Migration20261125160243', class: Migration20261125160243 },
  { name: 'Migration20261125162124', class: Migration20261125162124 },
  { name: 'Migration20261202031455', class: Migration20261202031455 },
  { name: 'Migration20261202031836', class: Migration20261202031836 },
  { name: 'Migration20261202032000', class: Migration20261202032000 },
  { name: 'Migration20261202032348', class: Migration20261202032348 },
  { name: 'Migration20261202032451', class: Migration20261202032451 },
  { name: 'Migration20261202061008', class: Migration20261202061008 },
  { name: 'Migration20261202064500', class: Migration20261202064500 },
  { name: 'Migration20261202070000', class: Migration20261202070000 },
  { name: 'Migration20261202190000', class: Migration20261202190000 },
];
