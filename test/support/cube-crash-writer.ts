/**
 * Child process of the cube crash test: writes crash batches `from`, `from+1`, …
 * through a CubeStore and prints `ACK <n>` after each acknowledged batch, until
 * it is killed (or reaches `to`).
 *
 *   node --import tsx test/support/cube-crash-writer.ts <dataDir> <databaseUrl|-> <tenantId> <from> <to>
 */
import { controlMigrations, tenantMigrations } from '../../src/migrations/index.js';
import { CubeStore } from '../../src/modules/cubes/index.js';
import { Storage } from '../../src/platform/db/storage.js';
import { crashBatch } from './cubes.js';

const [dataDir = '', url = '-', tenantId = '', from = '1', to = '1'] = process.argv.slice(2);
const storage = await Storage.open({
  dataDir,
  databaseUrl: url === '-' ? undefined : url,
  controlMigrations,
  tenantMigrations,
});
const db = storage.tenant(tenantId);
const store = new CubeStore();
await store.loadCube(db, 'crash');
process.stdout.write('READY\n');
for (let n = Number(from); n <= Number(to); n++) {
  await store.writeCells(db, 'crash', crashBatch(n));
  process.stdout.write(`ACK ${n}\n`);
}
await storage.close();
