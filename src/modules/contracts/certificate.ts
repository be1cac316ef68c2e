import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import { canonicalJson } from '../../platform/audit/canonical.js';
import {
  keyFingerprint,
  signCanonical,
  verifyCanonical,
  type SigningKey,
} from '../../platform/audit/signing.js';

/**
 * The deletion certificate (format `yosan-deletion-certificate` v1): every artefact of a
 * terminated tenant with when and how it was deleted, and the final check that no source
 * holds anything of it any more, signed with the installation's Ed25519 key (the key of
 * the audit checkpoints) over the canonical JSON of the body.
 */
export const CERTIFICATE_FORMAT = 'yosan-deletion-certificate';

export interface CertificateArtefact {
  source: string;
  id: string;
  location: string;
  bytes: number | null;
  method: string;
  deletedAt: string;
}

export interface CertificateBody {
  format: typeof CERTIFICATE_FORMAT;
  version: 1;
  tenant: { id: string; slug: string; displayName: string };
  contractEnd: string;
  timeZone: string;
  closedAt: string;
  completedAt: string;
  artefacts: CertificateArtefact[];
  /** The final listing of every source after deletion: all empty. */
  verification: { checkedAt: string; sources: string[]; remaining: number };
  /** What the installation keeps on purpose (no customer content). */
  retained: string[];
  issuedAt: string;
  keyId: string;
  publicKeyPem: string;
}

export interface SignedCertificate {
  certificate: CertificateBody;
  signature: string;
}

export const RETAINED = ['operator-audit-log', 'audit-checkpoints', 'termination-record'] as const;

export function signCertificate(
  key: SigningKey,
  body: Omit<CertificateBody, 'keyId' | 'publicKeyPem'>,
): SignedCertificate {
  const certificate: CertificateBody = { ...body, keyId: key.keyId, publicKeyPem: key.publicKeyPem };
  return { certificate, signature: signCanonical(key, certificate) };
}

export interface CertificateVerdict {
  ok: boolean;
  /** The key that signed it is the one given (the installation's), not just the one it carries. */
  keyMatches: boolean;
  signatureValid: boolean;
  keyId: string;
}

/** Verifies the signature with `publicKey` (the installation's public key). */
export function verifyCertificate(signed: SignedCertificate, publicKey: KeyObject): CertificateVerdict {
  const keyId = keyFingerprint(publicKey);
  const keyMatches = signed.certificate.keyId === keyId;
  const signatureValid = verifyCanonical(publicKey, signed.certificate, signed.signature);
  return { ok: keyMatches && signatureValid, keyMatches, signatureValid, keyId };
}

/** Reads a certificate from its JSON download or from the HTML page (which embeds the JSON). */
export function parseCertificate(text: string): SignedCertificate {
  const trimmed = text.trim();
  let json = trimmed;
  if (trimmed.startsWith('<')) {
    const m = /<pre id="signed-certificate">([^<]*)<\/pre>/.exec(trimmed);
    if (!m) throw new Error('No signed certificate found in this HTML file');
    json = m[1]!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  const parsed = JSON.parse(json) as Partial<SignedCertificate>;
  if (
    !parsed.certificate ||
    typeof parsed.signature !== 'string' ||
    parsed.certificate.format !== CERTIFICATE_FORMAT
  )
    throw new Error('Not a Yosan deletion certificate');
  return parsed as SignedCertificate;
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}

/** The stored form: canonical JSON of the body (exactly what was signed). */
export function certificateBodyText(c: CertificateBody): string {
  return canonicalJson(c);
}
