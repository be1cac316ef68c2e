import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { Config } from '../../platform/config/config.js';
import type { TlsFacts } from './registry.js';

/** From the reader's own TLS socket: negotiated protocol and cipher, and the certificate it was shown. */
export function tlsFromSocket(socket: unknown): TlsFacts {
  const s = socket as Partial<TLSSocket>;
  if (typeof s.getProtocol !== 'function')
    return { source: 'connection', protocol: null, cipher: null, certificateValidTo: null };
  const cert = s.getCertificate?.();
  const validTo = cert && 'valid_to' in cert && cert.valid_to ? new Date(cert.valid_to) : null;
  return {
    source: 'connection',
    protocol: s.getProtocol() ?? null,
    cipher: s.getCipher?.()?.name ?? null,
    certificateValidTo: validTo && !Number.isNaN(validTo.getTime()) ? validTo : null,
  };
}

/**
 * Without a connection (the CLI report): the certificate the server is configured with (or the
 * self-signed one it made), read only, and the protocol floor the server enforces.
 */
export function tlsFromConfig(config: Config): TlsFacts {
  const file = config.tlsCertFile ?? path.join(config.dataDir, 'tls', 'self-signed.crt');
  let validTo: Date | null = null;
  if (existsSync(file)) {
    try {
      validTo = new Date(new X509Certificate(readFileSync(file, 'utf8')).validTo);
    } catch {
      validTo = null;
    }
  }
  return { source: 'configuration', protocol: 'TLSv1.2+', cipher: null, certificateValidTo: validTo };
}
