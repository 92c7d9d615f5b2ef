import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock';
import { centsToDecimal } from '../../common/money';
import type { ProductFields } from '../dto/product.dto';
import { ProductsService } from '../products.service';
import type { ImportRow } from './import-rows';
import { PendingImport } from './pending-import.entity';
import { readProductCsv, type BadRow } from './read-product-csv';

/** A preview is kept this long; then the file must be uploaded again. */
export const IMPORT_TTL_MS = 60 * 60 * 1000;

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface ImportPreview {
  /** Set when the import can be applied (no bad row, something to change). */
  pendingId?: string;
  adds: { line: number; fields: ProductFields }[];
  updates: { line: number; id: number; name: string; changes: FieldChange[] }[];
  unchanged: number;
  bad: BadRow[];
}

export type PreviewResult = { ok: true; preview: ImportPreview } | { ok: false; message: string };

export type ApplyResult =
  | { ok: true; added: number; updated: number }
  | { ok: false; reason: 'gone' }
  | { ok: false; reason: 'changed'; lines: number[] };

const LABELS: Record<keyof ProductFields, string> = {
  name: 'name', description: 'description', category: 'category', stock: 'stock', unitPrice: 'unit_price', visibility: 'visible',
};

/** CSV import: a preview kept server-side for its owner, then applied in one transaction or not at all. */
@Injectable()
export class ProductImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly products: ProductsService,
    private readonly clock: Clock,
  ) {}

  async preview(userId: number, file: Buffer): Promise<PreviewResult> {
    const read = await readProductCsv(file);
    if (!read.ok) return read;
    const existing = await this.products.currentFields(read.rows.flatMap((row) => (row.id === undefined ? [] : [row.id])));
    const preview: ImportPreview = { adds: [], updates: [], unchanged: 0, bad: [...read.bad] };
    const pending: ImportRow[] = [];
    for (const row of read.rows) {
      if (row.id === undefined) {
        preview.adds.push({ line: row.line, fields: row.fields });
        pending.push({ line: row.line, kind: 'add', fields: row.fields });
        continue;
      }
      const product = existing.get(row.id);
      if (!product) {
        preview.bad.push({ line: row.line, messages: [`No product has id ${row.id}.`] });
        continue;
      }
      const changes = changesOf(product, row.fields);
      if (changes.length === 0) preview.unchanged += 1;
      else {
        preview.updates.push({ line: row.line, id: row.id, name: product.name, changes });
        pending.push({ line: row.line, kind: 'update', id: row.id, version: product.version, fields: row.fields });
      }
    }
    preview.bad.sort((a, b) => a.line - b.line);
    if (preview.bad.length === 0 && pending.length > 0) preview.pendingId = await this.keep(userId, pending);
    return { ok: true, preview };
  }

  /**
   * Writes every row of the preview or none, through the catalog's own save rules. A product
   * edited since the preview (its version moved on) refuses the whole import, naming its line.
   */
  async apply(userId: number, pendingId: string): Promise<ApplyResult> {
    return this.em.transactional(async (): Promise<ApplyResult> => {
      // Locked: a second Apply (another tab, a double click) waits, then finds it gone.
      const [pending]: { rows: string; expires: Date | string }[] = await this.em.execute(
        'select rows::text as rows, expires from pending_imports where id = ? and user_id = ? for update',
        [pendingId, userId],
      );
      if (!pending || new Date(pending.expires).getTime() <= this.clock.nowMs()) return { ok: false, reason: 'gone' };
      const rows = JSON.parse(pending.rows) as ImportRow[];
      const updates = rows.flatMap((row) => (row.kind === 'update' ? [row] : []));
      const adds = rows.flatMap((row) => (row.kind === 'add' ? [row.fields] : []));
      const saved = await this.products.saveMany(updates, adds);
      if (!saved.ok) {
        const changed = new Set(saved.changed);
        return { ok: false, reason: 'changed', lines: updates.filter((row) => changed.has(row.id)).map((row) => row.line) };
      }
      await this.em.execute('delete from pending_imports where id = ?', [pendingId]);
      return { ok: true, added: adds.length, updated: updates.length };
    });
  }

  private async keep(userId: number, rows: ImportRow[]): Promise<string> {
    const now = this.clock.now();
    // Expired previews are swept here, by the only path that adds them.
    await this.em.nativeDelete(PendingImport, { expires: { $lte: now } });
    const id = randomBytes(16).toString('hex');
    // Plain SQL, not an entity: the ORM would also keep (and compare) a copy of 10,000 rows.
    await this.em.execute('insert into pending_imports (id, user_id, rows, created, expires) values (?, ?, ?::jsonb, ?, ?)', [
      id,
      userId,
      JSON.stringify(rows),
      now,
      new Date(now.getTime() + IMPORT_TTL_MS),
    ]);
    return id;
  }
}

function changesOf(product: ProductFields, fields: ProductFields): FieldChange[] {
  const show = (key: keyof ProductFields, value: unknown): string =>
    key === 'unitPrice' ? centsToDecimal(value as number) : key === 'visibility' ? String(value) : String(value);
  return (Object.keys(LABELS) as (keyof ProductFields)[])
    .filter((key) => product[key] !== fields[key])
    .map((key) => ({ field: LABELS[key], from: show(key, product[key]), to: show(key, fields[key]) }));
}
