import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, usePostgres } from '../../../test/support/postgres.js';
import { controlMigrations, tenantMigrations } from '../../migrations/index.js';
import type { Database } from '../db/database.js';
import { Storage } from '../db/storage.js';
import type { AuditLogTable, AuditTables, TenantDB } from '../db/types.js';
import { inTransaction } from '../db/unit-of-work.js';
import { appendAudit, stripControl, verifyAuditChain, type Actor } from './audit-log.js';
import { canonicalJson } from './canonical.js';
import { entryHash, GENESIS_HASH, type ChainVerdict } from './chain.js';

let dir: string;
let storage: Storage;
let drop: (() => Promise<void>) | undefined;
const actor: Actor = { type: 'operator', id: 'op-1', name: 'Ops', ip: '127.0.0.1', userAgent: 'vitest' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-audit-'));
  let databaseUrl: string | undefined;
  if (usePostgres()) ({ url: databaseUrl, drop } = await createTestDatabase());
  storage = await Storage.open({ dataDir: dir, databaseUrl, controlMigrations, tenantMigrations });
  await storage.migrateControl();
});
afterAll(async () => {
  await storage.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

const audit = <DB>(db: Database<DB>) => db.kysely as unknown as Kysely<AuditTables>;

function append<DB>(db: Database<DB>, action: string, summary: Record<string, unknown> = {}) {
  return inTransaction(db, (tx) =>
    appendAudit(tx, actor, { kind: 'operation', action, target: { type: 'thing', id: action }, summary }),
  );
}

/** A new tenant database whose audit log holds `n` entries. */
async function tenantWithEntries(n: number): Promise<Database<TenantDB>> {
  const db = await storage.createTenantDatabase(randomBytes(16).toString('hex'));
  for (let i = 1; i <= n; i++) await append(db, `thing.change${i}`, { i });
  return db;
}

/** What an attacker with file or superuser access does first: switch the append-only guard off. */
async function disableGuards<DB>(db: Database<DB>): Promise<void> {
  if (db.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db.kysely);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db.kysely);
    await sql`drop trigger audit_log_no_delete`.execute(db.kysely);
  }
}

type AuditDb = Kysely<AuditTables>;
const row = (k: AuditDb, seq: number) =>
  k.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

describe('appendAudit', () => {
  it('builds a valid chain in the control and in a tenant database', async () => {
    const first = await append(storage.control, 'control.first');
    expect(first.prev_hash).toBe(GENESIS_HASH);
    await append(storage.control, 'control.second', { before: 'a', after: 'b' });
    const tenant = await tenantWithEntries(4);
    const control = await verifyAuditChain(storage.control.kysely);
    expect(control).toMatchObject({ ok: true, entries: 2, headSeq: 2 });
    expect(control.firstBad).toBeUndefined();
    expect(await verifyAuditChain(tenant.kysely)).toMatchObject({ ok: true, entries: 4, headSeq: 4 });
    // Small batches walk the same chain.
    expect(await verifyAuditChain(tenant.kysely, 3)).toMatchObject({ ok: true, entries: 4 });
    const second = await row(audit(storage.control), 2);
    expect(second.prev_hash).toBe(first.hash);
    expect(JSON.parse(second.summary)).toEqual({ before: 'a', after: 'b' });
  });

  it('writes nothing when the transaction rolls back', async () => {
    const db = await tenantWithEntries(2);
    const head = await audit(db).selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    await expect(
      inTransaction(db, async (tx) => {
        await appendAudit(tx, actor, { kind: 'operation', action: 'thing.doomed' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const actions = await audit(db).selectFrom('audit_log').select('action').execute();
    expect(actions.map((a) => a.action)).not.toContain('thing.doomed');
    expect(await audit(db).selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()).toEqual(head);
    await append(db, 'thing.after');
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 3 });
  });

  it('neutralises control characters and keeps text well-formed in names and labels', async () => {
    const db = await storage.createTenantDatabase(randomBytes(16).toString('hex'));
    const write = (a: Partial<Actor>, label: string) =>
      inTransaction(db, (tx) =>
        appendAudit(
          tx,
          { ...actor, ...a },
          { kind: 'login', action: 'x', target: { type: 'u', id: 'u1', label } },
        ),
      );
    const controls = await write(
      { name: 'Eve\n{"level":"info","msg":"forged"}\r\u0007', userAgent: 'UA\u2028x' },
      'a\tb\u0000c\u0085',
    );
    // Cut inside a surrogate pair, and a lone surrogate: stored exactly as hashed.
    const emoji = await write(
      { name: `${'a'.repeat(199)}😀`, userAgent: `${'u'.repeat(299)}🎌 Mozilla` },
      `lone \ud800 half ${'l'.repeat(299)}漢😀`,
    );
    const k = audit(db);
    expect(await row(k, controls.seq)).toMatchObject({
      actor_name: 'Eve {"level":"info","msg":"forged"}  ',
      user_agent: 'UA x',
      target_label: 'a b c ',
    });
    const stored = await row(k, emoji.seq);
    expect([stored.actor_name, stored.user_agent, stored.target_label]).toEqual([
      emoji.actor_name,
      emoji.user_agent,
      emoji.target_label,
    ]);
    expect(stored.actor_name).toBe('a'.repeat(199));
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 2 });
  });

  it('keeps the chain valid and the numbers contiguous under concurrent appends', async () => {
    const db = await tenantWithEntries(1);
    const written = await Promise.all(
      Array.from({ length: 20 }, (_, i) => append(db, `thing.parallel${i}`, { i })),
    );
    expect(written.map((w) => w.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    const seqs = (await audit(db).selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 21, headSeq: 21 });
  });

  it('raises no false alarm when verified while entries are being appended', async () => {
    const db = await tenantWithEntries(1);
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 150; i++) await append(db, `thing.busy${i}`);
      writing = false;
    })();
    const verdicts = [];
    while (writing) verdicts.push(await verifyAuditChain(db.kysely, 7));
    await writer;
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 151 });
  });
});

describe('the database guards audit_log', () => {
  it('refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) in the control and a tenant database', async () => {
    const tenant = await tenantWithEntries(3);
    await append(storage.control, 'control.guarded');
    for (const db of [storage.control, tenant] as Database<unknown>[]) {
      const k = audit(db);
      const before = await verifyAuditChain(db.kysely);
      expect(before.ok).toBe(true);
      await expect(
        k.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 2).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(k.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
      await expect(k.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      if (db.dialect === 'postgres') {
        await expect(sql`truncate audit_log`.execute(k)).rejects.toThrow(/append-only/);
      }
      expect(await verifyAuditChain(db.kysely)).toEqual(before);
    }
  });
});

/** An entry as a forger with the source code would write it: its hash recomputed. */
function forge(e: AuditLogTable, changes: Partial<AuditLogTable>): AuditLogTable {
  const { hash: _old, ...fields } = { ...e, ...changes };
  return { ...fields, hash: entryHash(fields) };
}

/** Each tampering of a 5-entry chain, and what verification must report. */
const tamperings: {
  name: string;
  tamper: (k: AuditDb) => Promise<unknown>;
  verdict: Partial<ChainVerdict>;
}[] = [
  {
    name: 'a changed field of entry 3',
    tamper: (k) =>
      k.updateTable('audit_log').set({ actor_name: 'Someone Else' }).where('seq', '=', 3).execute(),
    verdict: { entries: 2, firstBad: { seq: 3, id: expect.any(String), problem: 'hash_mismatch' } },
  },
  {
    name: 'a deleted entry 3',
    tamper: (k) => k.deleteFrom('audit_log').where('seq', '=', 3).execute(),
    verdict: { entries: 2, firstBad: { seq: 3, id: expect.any(String), problem: 'sequence_gap' } },
  },
  {
    name: 'two entries with their summaries swapped',
    tamper: async (k) => {
      const [two, four] = [await row(k, 2), await row(k, 4)];
      await k.updateTable('audit_log').set({ summary: four.summary }).where('seq', '=', 2).execute();
      await k.updateTable('audit_log').set({ summary: two.summary }).where('seq', '=', 4).execute();
    },
    verdict: { entries: 1, firstBad: { seq: 2, id: expect.any(String), problem: 'hash_mismatch' } },
  },
  {
    name: 'a forged entry with a valid hash inserted at 3, the rest renumbered',
    tamper: async (k) => {
      const two = await row(k, 2);
      // Two steps: the primary key is checked row by row.
      await k
        .updateTable('audit_log')
        .set((eb) => ({ seq: eb('seq', '+', 1000) }))
        .where('seq', '>=', 3)
        .execute();
      await k
        .updateTable('audit_log')
        .set((eb) => ({ seq: eb('seq', '-', 999) }))
        .where('seq', '>=', 1000)
        .execute();
      await k
        .insertInto('audit_log')
        .values(forge(two, { seq: 3, id: 'forged-3', action: 'thing.forged', prev_hash: two.hash }))
        .execute();
    },
    // The forgery itself is consistent; the original entry 3, now 4, no longer links to it.
    verdict: { entries: 3, firstBad: { seq: 4, id: expect.any(String), problem: 'prev_hash_mismatch' } },
  },
  {
    name: 'a forged entry after the head with a wrong previous hash',
    tamper: async (k) =>
      k
        .insertInto('audit_log')
        .values({ ...(await row(k, 5)), seq: 6, id: 'forged-6', prev_hash: GENESIS_HASH })
        .execute(),
    verdict: { entries: 5, firstBad: { seq: 6, id: 'forged-6', problem: 'prev_hash_mismatch' } },
  },
  {
    name: 'a forged entry with a valid hash after the head',
    tamper: async (k) => {
      const five = await row(k, 5);
      await k
        .insertInto('audit_log')
        .values(forge(five, { seq: 6, id: 'forged-6', prev_hash: five.hash }))
        .execute();
    },
    verdict: { firstBad: { seq: 6, id: null, problem: 'head_mismatch' } },
  },
  {
    name: 'the last entry replaced by a forgery with a valid hash',
    tamper: async (k) => {
      const five = await row(k, 5);
      await k.deleteFrom('audit_log').where('seq', '=', 5).execute();
      await k
        .insertInto('audit_log')
        .values(forge(five, { id: 'forged-5', action: 'x' }))
        .execute();
    },
    verdict: { entries: 5, firstBad: { seq: 5, id: null, problem: 'head_mismatch' } },
  },
  {
    name: 'a truncated tail (the last two entries deleted)',
    tamper: (k) => k.deleteFrom('audit_log').where('seq', '>=', 4).execute(),
    verdict: { entries: 3, firstBad: { seq: 4, id: null, problem: 'head_mismatch' } },
  },
  {
    name: 'everything deleted (TRUNCATE on PostgreSQL)',
    tamper: (k) => (usePostgres() ? sql`truncate audit_log`.execute(k) : k.deleteFrom('audit_log').execute()),
    verdict: { entries: 0, firstBad: { seq: 1, id: null, problem: 'head_mismatch' } },
  },
];

describe('verifyAuditChain names the first bad entry after someone bypasses the guards', () => {
  it.each(tamperings)('$name', async ({ tamper, verdict }) => {
    const db = await tenantWithEntries(5);
    await disableGuards(db);
    await tamper(audit(db));
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: false, ...verdict });
  });
});

describe('stripControl', () => {
  it('replaces control characters and caps the length', () => {
    expect(stripControl('a\nb\r\nc\u001bd\u2029e')).toBe('a b  c d e');
    expect(stripControl('日本語の名前')).toBe('日本語の名前');
    expect(stripControl('x'.repeat(600))).toHaveLength(500);
    expect(stripControl(null)).toBeNull();
    expect(stripControl(undefined)).toBeNull();
    expect(stripControl(`${'a'.repeat(4)}😀`, 5)).toBe('aaaa');
    expect(stripControl('a\udc00b\ud800')).toBe('a\ufffdb\ufffd');
    expect(stripControl('😀🎌', 4)).toBe('😀🎌');
  });
});

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, and drops undefined', () => {
    const a = canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null }, u: undefined });
    const b = canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ s: 'é\n"' })).toBe('{"s":"é\\n\\""}');
  });

  it('is key-order independent for any JSON value (property)', () => {
    const shuffle = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(shuffle);
      if (v === null || typeof v !== 'object') return v;
      return Object.fromEntries(
        Object.entries(v)
          .reverse()
          .map(([k, x]) => [k, shuffle(x)]),
      );
    };
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(shuffle(v))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});
