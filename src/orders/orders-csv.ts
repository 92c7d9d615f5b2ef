import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { centsToDecimal } from '../common/money';
import type { OrderFilters } from './order-filters';
import { neutraliseCell } from '../common/csv-cells';
import { OrderHistoryQuery, type OrderCsvRow } from './order-history.query';

export const ORDER_CSV_COLUMNS = ['id', 'created', 'buyer', 'status', 'items', 'total', 'payment_method', 'money_received', 'address'];

export function csvRecord(row: OrderCsvRow): string[] {
  return [
    String(row.id),
    row.created.toISOString(),
    row.username,
    row.status,
    String(row.items),
    centsToDecimal(row.total),
    row.paymentMethod,
    centsToDecimal(row.moneyReceived),
    row.address,
  ].map(neutraliseCell);
}

/** The staff orders CSV: RFC 4180 (csv-stringify), one row per order, streamed batch by batch. */
@Injectable()
export class OrdersCsv {
  constructor(private readonly history: OrderHistoryQuery) {}

  async send(res: Response, filters: OrderFilters): Promise<void> {
    res.status(200);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', 'attachment; filename="orders.csv"');
    const history = this.history;
    async function* records() {
      for await (const batch of history.csvRows(filters)) for (const row of batch) yield csvRecord(row);
    }
    const csv = stringify({ header: true, columns: ORDER_CSV_COLUMNS, record_delimiter: 'windows' });
    await pipeline(Readable.from(records()), csv, res);
  }
}
