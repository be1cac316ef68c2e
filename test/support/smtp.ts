/** A real SMTP server in the test process (smtp-server) that parses every message (mailparser). */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './flows.js';

export interface Received {
  rcptTo: string[];
  mail: ParsedMail;
}

export class TestSmtp {
  readonly received: Received[] = [];
  private server: SMTPServer | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const rcptTo = session.envelope.rcptTo.map((r) => r.address);
          simpleParser(Buffer.concat(chunks))
            .then((mail) => {
              this.received.push({ rcptTo, mail });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Waits for the (first) message sent to `address`. */
  mailTo(address: string, timeoutMs = 15_000): Promise<Received> {
    return eventually(() => this.received.find((r) => r.rcptTo.includes(address)), timeoutMs);
  }

  /** The `n`th (0-based) message to `address` that has a link to `pathPart` (e.g. `/t/acme/invite`). */
  async linkTo(address: string, pathPart: string, n = 0, timeoutMs = 20_000): Promise<URL> {
    return eventually(() => {
      const links = this.received
        .filter((r) => r.rcptTo.includes(address))
        .map(
          (r) => new RegExp(`https?://[^\\s]*${pathPart}#token=[A-Za-z0-9_-]+`).exec(r.mail.text ?? '')?.[0],
        )
        .filter((link): link is string => link !== undefined);
      return links[n] ? new URL(links[n]) : undefined;
    }, timeoutMs);
  }
}
