import type { BackfillStatus, BackfillView } from './backfill.schemas';

/** How far one partition's reading got: records `[next, end)` are still to read. */
export interface PartitionPosition {
  next: string;
  end: string;
}

/** A row of dispatcher.backfill as the code uses it. */
export interface BackfillRecord {
  id: string;
  accountId: string;
  webhookId: string;
  status: BackfillStatus;
  since: Date;
  until: Date;
  earliest: Date | null;
  /** By partition number. */
  positions: Record<string, PartitionPosition>;
  totalRecords: number;
  scannedRecords: number;
  sentDeliveries: number;
  skippedDeliveries: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface BackfillRow {
  id: string;
  account_id: string;
  webhook_id: string;
  status: BackfillStatus;
  since: Date;
  until: Date;
  earliest: Date | null;
  positions: Record<string, PartitionPosition>;
  total_records: string;
  scanned_records: string;
  sent_deliveries: string;
  skipped_deliveries: string;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export function fromBackfillRow(row: BackfillRow): BackfillRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    webhookId: row.webhook_id,
    status: row.status,
    since: row.since,
    until: row.until,
    earliest: row.earliest,
    positions: row.positions,
    totalRecords: Number(row.total_records),
    scannedRecords: Number(row.scanned_records),
    sentDeliveries: Number(row.sent_deliveries),
    skippedDeliveries: Number(row.skipped_deliveries),
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Progress as records of the window read; a finished reading is whole whatever was counted. */
export function progressPercent(
  record: Pick<BackfillRecord, 'status' | 'totalRecords' | 'scannedRecords'>,
): number {
  if (record.status === 'completed' || record.totalRecords === 0) return 100;
  return Math.min(100, Math.floor((record.scannedRecords * 1000) / record.totalRecords) / 10);
}

export function toBackfillView(record: BackfillRecord): BackfillView {
  return {
    id: record.id,
    webhook_id: record.webhookId,
    status: record.status,
    since: record.since.toISOString(),
    until: record.until.toISOString(),
    earliest_available: record.earliest?.toISOString() ?? null,
    progress_percent: progressPercent(record),
    records_total: record.totalRecords,
    records_read: record.scannedRecords,
    deliveries_sent: record.sentDeliveries,
    deliveries_skipped: record.skippedDeliveries,
    error: record.error,
    created_at: record.createdAt.toISOString(),
    finished_at: record.finishedAt?.toISOString() ?? null,
  };
}
