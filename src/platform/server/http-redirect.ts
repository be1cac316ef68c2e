import http from 'node:http';

/** The plain-HTTP listener: every request gets a 301 to the same path on HTTPS, nothing else. */
export function createRedirectServer(publicUrl: string): http.Server {
  const target = new URL(publicUrl);
  return http.createServer((req, res) => {
    const pathAndQuery = (req.url ?? '/').startsWith('/') ? (req.url ?? '/') : '/';
    res.writeHead(301, {
      Location: `${target.origin}${pathAndQuery}`,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end('Moved to HTTPS / HTTPS に移動しました\n');
  });
}
