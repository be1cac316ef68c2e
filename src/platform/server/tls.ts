import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import selfsigned from 'selfsigned';
import { ConfigError } from '../config/config.js';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** 'configured' when read from YOSAN_TLS_*_FILE, 'self-signed' when made by Yosan. */
  source: 'configured' | 'self-signed';
  fingerprint256: string;
  validTo: string;
}

function readPem(file: string, what: string): string {
  if (!existsSync(file)) throw new ConfigError(`${what} file "${file}" does not exist`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${what} file "${file}" cannot be read`);
  }
}

/** Parses and cross-checks a certificate and key; throws ConfigError with one clear line. */
export function checkTlsPair(
  cert: string,
  key: string,
  names: { cert: string; key: string },
): X509Certificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new ConfigError(`Certificate "${names.cert}" is not a valid PEM certificate`);
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError(`Key "${names.key}" is not a valid PEM private key (or it is encrypted)`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new ConfigError(`Key "${names.key}" does not belong to certificate "${names.cert}"`);
  }
  return x509;
}

/**
 * Uses the configured certificate and key as given, or else a self-signed
 * certificate (EC P-256, SHA-256, SAN localhost/127.0.0.1/::1) made once under
 * `<data>/tls/` and reused on later starts.
 */
export async function loadTls(options: {
  dataDir: string;
  certFile: string | undefined;
  keyFile: string | undefined;
}): Promise<TlsMaterial> {
  if (options.certFile && options.keyFile) {
    const cert = readPem(options.certFile, 'YOSAN_TLS_CERT_FILE');
    const key = readPem(options.keyFile, 'YOSAN_TLS_KEY_FILE');
    const x509 = checkTlsPair(cert, key, { cert: options.certFile, key: options.keyFile });
    return { key, cert, source: 'configured', fingerprint256: x509.fingerprint256, validTo: x509.validTo };
  }
  const dir = path.join(options.dataDir, 'tls');
  const certFile = path.join(dir, 'self-signed.crt');
  const keyFile = path.join(dir, 'self-signed.key');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const x509 = checkTlsPair(cert, key, { cert: certFile, key: keyFile });
    return { key, cert, source: 'self-signed', fingerprint256: x509.fingerprint256, validTo: x509.validTo };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const notBefore = new Date();
  const notAfter = new Date(notBefore.getTime() + 397 * 24 * 3600 * 1000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  const x509 = new X509Certificate(pems.cert);
  return {
    key: pems.private,
    cert: pems.cert,
    source: 'self-signed',
    fingerprint256: x509.fingerprint256,
    validTo: x509.validTo,
  };
}

/**
 * The TLS profile (issue 21 point 6): Mozilla's "intermediate" configuration without its DHE suites —
 * TLS 1.2 only with ECDHE key exchange and AEAD ciphers (AES-GCM, ChaCha20-Poly1305), and TLS 1.3.
 * No CBC suite (LUCKY13), no static RSA key exchange, no SHA-1 MACs. ECDSA and RSA certificates both work.
 */
export const TLS_PROFILE = {
  minVersion: 'TLSv1.2' as const,
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  ecdhCurve: 'X25519:prime256v1:secp384r1',
  // The server's order (testssl rates "no cipher order" HIGH): every suite listed is strong, and the
  // list puts AES-GCM first (hardware-accelerated), ChaCha20 for clients that only offer it.
  honorCipherOrder: true,
};
