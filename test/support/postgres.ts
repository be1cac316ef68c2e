import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Base URL of this machine's PostgreSQL (trust auth). Override with YOSAN_TEST_PG_URL. */
export const PG_BASE = process.env.YOSAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function usePostgres(): boolean {
  return process.env.YOSAN_TEST_DB === 'postgres';
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test server; dropped by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `yosan_test_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(PG_BASE);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** Drops a test database made by `createTestDatabase` (by its URL). */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^yosan_test_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  await admin(`drop database if exists ${name} with (force)`);
}
