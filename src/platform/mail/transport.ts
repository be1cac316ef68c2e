import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { newId } from '../crypto/tokens.js';
import type { RenderedMail } from './templates.js';

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
  text: string;
}

export interface Mailer {
  /** True when mail goes to the outbox folder instead of an SMTP server. */
  readonly usesOutbox: boolean;
  send(mail: RenderedMail): Promise<void>;
  listOutbox(): Promise<Omit<OutboxEntry, 'text'>[]>;
  readOutbox(id: string): Promise<OutboxEntry | undefined>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
}

/**
 * nodemailer over SMTP when SMTP_URL is set; otherwise every message is written
 * to `<data>/outbox/` as an .eml file (plus a small .json index entry) so a
 * first-time installation can follow invitation links without a mail server.
 */
export function createMailer(options: MailerOptions): Mailer {
  const smtp = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = options.outboxDir;

  return {
    usesOutbox: !smtp,
    async send(mail) {
      const message = { from: options.from, to: mail.to, subject: mail.subject, text: mail.text };
      if (smtp) {
        await smtp.sendMail(message);
        return;
      }
      const info = await stream.sendMail(message);
      const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId().slice(0, 8)}`;
      await mkdir(dir, { recursive: true });
      const entry: OutboxEntry = {
        id,
        to: mail.to,
        subject: mail.subject,
        createdAt: new Date().toISOString(),
        text: mail.text,
      };
      // Written under temporary names, then renamed: a listed message is always complete.
      await writeFile(path.join(dir, `${id}.eml.tmp`), info.message as Buffer);
      await rename(path.join(dir, `${id}.eml.tmp`), path.join(dir, `${id}.eml`));
      await writeFile(path.join(dir, `${id}.json.tmp`), JSON.stringify(entry));
      await rename(path.join(dir, `${id}.json.tmp`), path.join(dir, `${id}.json`));
    },
    async listOutbox() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      const entries = await Promise.all(
        names
          .filter((n) => n.endsWith('.json'))
          .map(async (n) => JSON.parse(await readFile(path.join(dir, n), 'utf8')) as OutboxEntry),
      );
      return entries
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
        .map(({ text: _text, ...rest }) => rest);
    },
    async readOutbox(id) {
      if (!/^[0-9A-Za-z-]+$/.test(id)) return undefined;
      try {
        return JSON.parse(await readFile(path.join(dir, `${id}.json`), 'utf8')) as OutboxEntry;
      } catch {
        return undefined;
      }
    },
    close() {
      smtp?.close();
    },
  };
}
