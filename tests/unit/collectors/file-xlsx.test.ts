import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat, readRecords, recordToPost, RowError, type FileRecord } from '../../../workers/collectors/file.js';

const path = fileURLToPath(new URL('../../fixtures/file/posts.xlsx', import.meta.url));
const options = { map: { text: 'Mensaje', createdAt: 'Fecha', platform: 'Red' }, platform: 'file' as const, campaignIds: [], secret: 'unit-secret-0123456789', now: new Date('2026-11-20T00:00:00Z'), queryId: 'import:posts.xlsx' };

describe('file collector: XLSX', () => {
  it('detects .xlsx and reads the first sheet, header row as columns, numbered as the spreadsheet shows', async () => {
    expect(detectFormat('export.XLSX')).toBe('xlsx');
    const records: FileRecord[] = [];
    for await (const record of readRecords(path, 'xlsx')) records.push(record);
    expect(records.map((r) => r.line)).toEqual([2, 3, 5]);
    const first = records[0]!;
    if ('error' in first) throw new Error(first.error);
    const post = recordToPost(first.record, options);
    expect(post).toMatchObject({ platform: 'facebook', externalId: 'fb-1001', createdAt: '2026-11-02T10:15:00.000Z', metrics: { likes: 120 }, hashtags: ['NiUnaMenos'] });
    const last = records[2]!;
    if ('error' in last) throw new Error(last.error);
    expect(() => recordToPost(last.record, options)).toThrow(RowError);
  });

  it('refuses a file that is not a workbook', async () => {
    const csv = fileURLToPath(new URL('../../fixtures/rss/not-a-feed.html', import.meta.url));
    await expect(async () => {
      for await (const _ of readRecords(csv, 'xlsx')) void _;
    }).rejects.toThrow(RowError);
  });
});
