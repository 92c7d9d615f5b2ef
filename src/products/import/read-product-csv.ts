import { parse } from 'csv-parse/sync';
import { validateForm } from '../../common/form';
import { ProductDto, toProductFields, type ProductFields } from '../dto/product.dto';
import { PRODUCT_COLUMNS, restoreCell, type ProductColumn } from './product-csv';

/** More rows than this are refused as a whole: split the file. */
export const MAX_IMPORT_ROWS = 20_000;

export interface ReadRow {
  line: number;
  /** Absent: a new product. */
  id?: number;
  fields: ProductFields;
}

export interface BadRow {
  line: number;
  messages: string[];
}

export type CsvRead = { ok: true; rows: ReadRow[]; bad: BadRow[] } | { ok: false; message: string };

const HEADER_MESSAGE = `The first row must name the columns: ${PRODUCT_COLUMNS.join(', ')}.`;

/**
 * A products CSV read and checked row by row with the product form's own rules (ProductDto),
 * so a row is refused for exactly what the form would refuse. Nothing here touches the database.
 */
export async function readProductCsv(bytes: Buffer): Promise<CsvRead> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // a leading BOM is dropped
  } catch {
    return { ok: false, message: 'The file is not UTF-8 text: save it from your spreadsheet as "CSV UTF-8".' };
  }
  if (text.trim() === '') return { ok: false, message: 'The file is empty.' };
  if (text.includes('\u0000')) return { ok: false, message: 'This is not a CSV file.' };
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    // A row with too many or too few cells is one bad row (named below), not an unreadable file.
    records = parse(text, { info: true, raw: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024 }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, message: `This is not a readable CSV file${line ? ` (line ${line})` : ''}: check its quotes.` };
  }
  const header = records[0].record.map((name) => name.trim().toLowerCase());
  const columns = new Map(header.map((name, index) => [name, index]));
  if (header.length !== PRODUCT_COLUMNS.length || !PRODUCT_COLUMNS.every((name) => columns.has(name))) {
    return { ok: false, message: HEADER_MESSAGE };
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) return { ok: false, message: `A file can hold at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} products.` };
  if (records.length === 1) return { ok: false, message: 'The file has a header but no products.' };

  const rows: ReadRow[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<number, number>();
  for (const { record, raw, info } of records.slice(1)) {
    // info.lines is where the record ends; a quoted cell may span lines, so count back to its start.
    const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    if (record.length !== header.length) {
      bad.push({ line, messages: [`The row has ${record.length} ${record.length === 1 ? 'column' : 'columns'}; it must have ${header.length}.`] });
      continue;
    }
    const cell = (name: ProductColumn) => record[columns.get(name)!] ?? '';
    const messages: string[] = [];
    const idText = cell('id').trim();
    let id: number | undefined;
    if (idText !== '') {
      if (!/^\d{1,9}$/.test(idText)) messages.push('id must be a product number, or empty to add a product.');
      else {
        id = Number(idText);
        const first = seen.get(id);
        if (first !== undefined) messages.push(`id ${id} is also on line ${first}.`);
        else seen.set(id, line);
      }
    }
    const visible = cell('visible').trim().toLowerCase();
    if (visible !== 'true' && visible !== 'false') messages.push('visible must be true or false.');
    const form = await validateForm(ProductDto, {
      name: restoreCell(cell('name')),
      description: restoreCell(cell('description')),
      category: restoreCell(cell('category')),
      stock: cell('stock'),
      unitPrice: cell('unit_price'),
      ...(visible === 'true' ? { visible: 'on' } : {}),
    });
    if (!form.valid) messages.push(...Object.values(form.errors));
    if (messages.length || !form.valid) bad.push({ line, messages });
    else rows.push({ line, id, fields: toProductFields(form.value) });
  }
  return { ok: true, rows, bad };
}
