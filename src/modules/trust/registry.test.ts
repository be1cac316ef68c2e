import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../platform/server/context.js';
import { presentTrust } from './service.js';
import { collectTrustFacts, TRUST_SECTIONS, type TrustContext } from './registry.js';

const ctx = {
  deps: { logger: pino({ level: 'silent' }) } as unknown as AppDeps,
  tenant: { slug: 'a', time_zone: 'Asia/Tokyo' },
  now: new Date('2026-11-26T00:00:00Z'),
  tls: { source: 'connection', protocol: 'TLSv1.3', cipher: null, certificateValidTo: null },
} as unknown as TrustContext;

describe('trust registry', () => {
  it('lists every section in order, says "not available yet" for those without a provider', async () => {
    const sections = await collectTrustFacts(ctx, {
      version: async () => [{ id: 'version.app', status: 'ok', kind: 'text', value: '1.0.0' }],
    });
    expect(sections.map((s) => s.id)).toEqual([...TRUST_SECTIONS]);
    expect(sections.filter((s) => s.available).map((s) => s.id)).toEqual(['version']);
    const shown = presentTrust({ tenant: { slug: 'a', name: 'A' }, generatedAt: '', sections }, 'ja');
    expect(shown.sections.find((s) => s.id === 'backups')).toMatchObject({
      available: false,
      notice: 'まだ提供されていません',
      facts: [],
    });
  });

  it('reports a failing provider as a problem instead of hiding it', async () => {
    const sections = await collectTrustFacts(ctx, {
      backups: () => Promise.reject(new Error('disk gone')),
    });
    const backups = sections.find((s) => s.id === 'backups')!;
    expect(backups).toMatchObject({
      available: true,
      facts: [{ id: 'backups.error', status: 'failed', value: 'provider-failed' }],
    });
    const shown = presentTrust({ tenant: { slug: 'a', name: 'A' }, generatedAt: '', sections }, 'en');
    expect(shown.sections.find((s) => s.id === 'backups')?.facts[0]?.display).toBe(
      'This fact could not be read',
    );
  });
});
