import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { signCanonical, verifyCanonical, type SigningKey } from '../../platform/audit/signing.js';
import type { BackupKind } from './layout.js';

/**
 * What a generation holds, written last (after the data file is complete and fsynced).
 * No customer content: sizes, digests, table names with row counts, the audit-chain head.
 */
export interface Manifest {
  format: 1;
  scope: string;
  kind: BackupKind;
  generation: string;
  engine: 'sqlite' | 'postgres';
  startedAt: string;
  createdAt: string;
  dataFile: string;
  bytes: number;
  sha256: string;
  sourceBytes: number;
  tables: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
  keyId: string;
  /** Size and modification times of the source when copied (a replica is skipped while unchanged). */
  sourceFingerprint: string | null;
  signingKeyId: string;
  signature: string;
}

export type UnsignedManifest = Omit<Manifest, 'signature' | 'signingKeyId'>;

export function signManifest(key: SigningKey, m: UnsignedManifest): Manifest {
  const body = { ...m, signingKeyId: key.keyId };
  return { ...body, signature: signCanonical(key, body) };
}

export function manifestSignatureValid(publicKey: KeyObject, m: Manifest): boolean {
  const { signature, ...body } = m;
  return verifyCanonical(publicKey, body, signature);
}

export function readManifest(file: string): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The associated data binding a data file to its scope, kind and generation. */
export const aadOf = (m: Pick<Manifest, 'scope' | 'kind' | 'generation'>): string =>
  `yosan-backup:v1:${m.scope}:${m.kind}:${m.generation}`;
