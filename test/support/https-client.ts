import https from 'node:https';

export interface HttpsResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: T;
}

/**
 * A small HTTPS client for tests: verifies the server against its own
 * certificate (a real TLS handshake, no `rejectUnauthorized: false`), keeps
 * cookies, and sends the CSRF header on state-changing requests.
 */
export class HttpsClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  lang = 'en';

  constructor(
    readonly baseUrl: string,
    private readonly ca: string,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpsResponse<T>> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const h: Record<string, string> = {
      accept: 'application/json',
      'accept-language': this.lang,
      ...(cookie ? { cookie } : {}),
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(this.csrf && !['GET', 'HEAD'].includes(method) ? { 'x-csrf-token': this.csrf } : {}),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers: h, ca: this.ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const setCookie = res.headers['set-cookie'] ?? [];
          for (const c of setCookie) {
            const [pair = ''] = c.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq);
            const value = pair.slice(eq + 1);
            if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c))
              this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: json as T });
        });
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Fetches a CSRF token (as the web app does before its first change). */
  async primeCsrf(): Promise<string> {
    const res = await this.get<{ token: string }>('/api/csrf');
    this.csrf = res.json.token;
    return this.csrf;
  }

  /** Sends raw bytes (or JSON) and returns the raw answer (file uploads and downloads). */
  binary<T = unknown>(
    method: string,
    path: string,
    body?: Buffer | object,
    headers: Record<string, string> = {},
  ): Promise<HttpsResponse<T> & { body: Buffer }> {
    const url = new URL(path, this.baseUrl);
    const payload =
      body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const h: Record<string, string> = {
      'accept-language': this.lang,
      ...(cookie ? { cookie } : {}),
      ...(payload !== undefined
        ? { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json' }
        : {}),
      ...(this.csrf && !['GET', 'HEAD'].includes(method) ? { 'x-csrf-token': this.csrf } : {}),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const req = https.request(url, { method, headers: h, ca: this.ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let json: unknown = undefined;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: json as T, body: raw });
        });
      });
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}
