import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCertificate, publicKeyFromPem, verifyCertificate } from '../modules/contracts/certificate.js';

/**
 * `yosan certificate verify FILE [--public-key PEM]`: checks a deletion certificate
 * (its .json or .html download) against the installation's public key
 * (`<data>/keys/audit-ed25519.pub`, or the given file). Needs no database.
 * Returns the exit code: 0 valid, 1 invalid, 2 unreadable.
 */
export function certificateVerify(file: string, dataDir: string, publicKeyFile: string | undefined): number {
  let signed;
  try {
    signed = parseCertificate(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`yosan: ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const keyFile = publicKeyFile ?? path.join(dataDir, 'keys', 'audit-ed25519.pub');
  if (!existsSync(keyFile)) {
    console.error(`yosan: public key ${keyFile} not found (give one with --public-key)`);
    return 2;
  }
  const verdict = verifyCertificate(signed, publicKeyFromPem(readFileSync(keyFile, 'utf8')));
  const c = signed.certificate;
  console.log(`Certificate: ${c.tenant.displayName} (${c.tenant.slug}), contract end ${c.contractEnd}`);
  console.log(
    `Artefacts deleted: ${c.artefacts.length}; remaining at final check: ${c.verification.remaining}`,
  );
  console.log(`Key fingerprint (SHA-256): ${verdict.keyId}`);
  if (verdict.ok) console.log('OK      signature valid, made with this installation key');
  else
    console.log(
      `FAILED  ${verdict.keyMatches ? 'signature does not match the content (altered?)' : 'signed with another key'}`,
    );
  return verdict.ok ? 0 : 1;
}
