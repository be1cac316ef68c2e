/**
 * Form Excel round trip benchmark (issue 7, "Excel, CSV"): a real server (HTTPS, real database),
 * an input form of 1,111 rows (Account: ALL → 10 groups → 100 subgroups → 1,000 leaves, every
 * element a row) × 24 month columns with all 24,000 leaf cells filled. Measured over HTTPS as an
 * org admin, median and p95 of RUNS runs:
 * - download (`POST …/forms/:id/xlsx`: open the form, build and write the workbook), and its size;
 * - preview of the file with 1,000 leaf cells changed (read, check the hidden sheet's digest,
 *   compare every one of the 26,664 cells with its base and with the form as it is now);
 * - apply of such a preview (plan again, one all-or-nothing save of 1,000 cells with history and
 *   audit), on a fresh file each run.
 * Baseline in the same process: `POST …/forms/:id/open` (the JSON grid the page loads).
 * `npm run bench:form-xlsx` (`RUNS=…`; `YOSAN_TEST_DB=postgres` for PostgreSQL).
 */
import ExcelJS from 'exceljs';
import { editWorkbook } from '../../test/support/form-xlsx.js';
import { modelWorld } from '../../test/support/model.js';
import { startTestServer } from '../../test/support/server.js';
import { postBytes } from '../../test/support/tenant-admin.js';

const RUNS = Number(process.env.RUNS ?? 10);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ts = await startTestServer();
const w = await modelWorld(ts, 'xbench', 'xbench2');
const api = '/t/xbench/api/model';
const pad = (n: number) => String(n).padStart(2, '0');

/** A dimension through the CSV import (code, names, parent). */
async function dimension(code: string, rows: [string, string][]): Promise<string> {
  const d = await w.admin.post<{ object: { id: string } }>(`${api}/dimensions`, {
    code,
    nameJa: code,
    nameEn: code,
  });
  const csv = ['code,name_ja,name_en,parent', ...rows.map(([c, p]) => `${c},${c},${c},${p}`)].join('\n');
  const res = await postBytes(ts, w.admin, `${api}/dimensions/${d.json.object.id}/import`, Buffer.from(csv));
  if (res.status !== 200) throw new Error(`import ${code}: ${res.text.slice(0, 300)}`);
  return d.json.object.id;
}

const accountRows: [string, string][] = [['ALL', '']];
const leaves: string[] = [];
for (let g = 0; g < 10; g++) {
  accountRows.push([`G${g}`, 'ALL']);
  for (let s = 0; s < 10; s++) {
    accountRows.push([`G${g}S${s}`, `G${g}`]);
    for (let l = 0; l < 10; l++) {
      leaves.push(`A${g}${s}${l}`);
      accountRows.push([`A${g}${s}${l}`, `G${g}S${s}`]);
    }
  }
}
const months = Array.from(
  { length: 24 },
  (_, i) => `${2027 + Math.floor((i + 3) / 12)}-${pad(((i + 3) % 12) + 1)}`,
);
const accountId = await dimension('Account', accountRows);
const periodId = await dimension('Period', [['FY', ''], ...months.map((m): [string, string] => [m, 'FY'])]);
const cube = await w.admin.post<{ object: { id: string } }>(`${api}/cubes`, {
  code: 'BIG',
  nameJa: '大',
  nameEn: 'Big',
  dimensionIds: [accountId, periodId],
});
const cubeId = cube.json.object.id;
const cells = leaves.flatMap((a, i) =>
  months.map((p, j) => ({ coords: { Account: a, Period: p }, value: i * 100 + j })),
);
for (let i = 0; i < cells.length; i += 5000) {
  const res = await w.admin.post(`${api}/cubes/${cubeId}/cells`, { cells: cells.slice(i, i + 5000) });
  if (res.status !== 200) throw new Error(`cells: ${res.text.slice(0, 300)}`);
}
const form = await w.admin.post<{ object: { id: string } }>(`${api}/forms`, {
  code: 'BIG_FORM',
  nameJa: '大きいフォーム',
  nameEn: 'Big form',
  definition: {
    cube: 'BIG',
    type: 'input',
    rows: {
      dimension: 'Account',
      members: [
        { element: 'ALL', select: 'self' },
        { element: 'ALL', select: 'descendants' },
      ],
    },
    columns: { dimension: 'Period', members: [{ element: 'FY', select: 'leaves' }] },
    fixed: [],
    input: 'leaves',
    readOnly: [],
    format: { scale: 1000, decimals: 1, currency: 'JPY' },
  },
});
if (form.status !== 201) throw new Error(`form: ${form.text.slice(0, 300)}`);
const url = `${api}/forms/${form.json.object.id}`;

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await work();
  return [performance.now() - t0, out];
}
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return `median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms (${s.length} runs)`;
};
const download = async () => {
  const res = await w.admin.binary('POST', `${url}/xlsx`, {});
  if (res.status !== 200) throw new Error(`download: ${res.text.slice(0, 300)}`);
  return res.body;
};
const edited = async (run: number) =>
  editWorkbook(
    await download(),
    leaves.slice(0, 1000).map((a, i) => ({ row: a, column: months[i % 24]!, value: 1000 + run + i })),
  );
const preview = (file: Buffer) =>
  postBytes<{ token: string | null; counts: { changed: number } }>(
    ts,
    w.admin,
    `${url}/xlsx/preview`,
    file,
    XLSX,
  );

const open: number[] = [];
const down: number[] = [];
const prev: number[] = [];
const appl: number[] = [];
let size = 0;
for (let run = 0; run < RUNS; run++) {
  open.push((await time(() => w.admin.post(`${url}/open`, {})))[0]);
  const [d, bytes] = await time(download);
  down.push(d);
  size = bytes.length;
  const file = await edited(run);
  const [p, res] = await time(() => preview(file));
  if (res.json.counts.changed !== 1000 || !res.json.token)
    throw new Error(`preview: ${res.text.slice(0, 300)}`);
  prev.push(p);
  const [a, done] = await time(() =>
    w.admin.post<{ changed: number }>(`${url}/xlsx/apply`, { token: res.json.token }),
  );
  if (done.json.changed !== 1000) throw new Error(`apply: ${done.text.slice(0, 300)}`);
  appl.push(a);
}
const wb = new ExcelJS.Workbook();
await wb.xlsx.load((await download()) as unknown as ArrayBuffer);
console.log(
  `database: ${process.env.YOSAN_TEST_DB ?? 'sqlite'}; form 1,111 rows × 24 columns; ${wb.worksheets.length} sheets`,
);
console.log(`open (JSON, baseline): ${stats(open)}`);
console.log(`download .xlsx:        ${stats(down)}; ${(size / 1024).toFixed(0)} KiB`);
console.log(`preview, 1,000 edits:  ${stats(prev)}`);
console.log(`apply, 1,000 cells:    ${stats(appl)}`);
await ts.stop();
