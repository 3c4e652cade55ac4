import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, startWeb, type RunningWeb } from './next-server';

/**
 * The production build of the web app: pages wait for the session, /login serves the
 * sign-in form, and /api/* reaches the API given by CONFLUX_API_URL at run time (here a
 * local HTTP server that records what it receives).
 */
describe('web app', () => {
  let api: http.Server;
  let web: RunningWeb;
  const received: Array<{ method?: string; url?: string; body: string; cookie?: string }> = [];

  beforeAll(async () => {
    api = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body, cookie: req.headers.cookie });
        if (req.url === '/api/health') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'ok' }));
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/'] });
        res.end(JSON.stringify({ echoed: body }));
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    web = await startWeb({ CONFLUX_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await web?.stop();
    await new Promise((resolve) => api?.close(resolve));
  });

  it('serves pages behind the session check, with security headers', async () => {
    const response = await fetch(web.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    const html = await response.text();
    expect(html).toContain('<title>Conflux</title>');
    // What the navigation shows depends on who signs in, which only the browser learns.
    expect(html).toContain('Checking your session');
    expect(html).not.toContain('aria-label="Main"');
  });

  it('serves the sign-in form with labelled fields and no sidebar', async () => {
    const response = await fetch(`${web.url}/login`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const label of ['Email', 'Password']) {
      const id = new RegExp(`<label for="([^"]+)">${label}</label>`).exec(html)?.[1];
      expect(id).toBeDefined();
      expect(html).toMatch(new RegExp(`<input[^>]*id="${id}"`));
    }
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
    expect(html).not.toContain('class="sidebar"');
  });

  it('forwards API calls with their method, query, body and cookies, and returns every Set-Cookie', async () => {
    const response = await fetch(`${web.url}/api/things?page=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'session=abc' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ echoed: '{"name":"x"}' });
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(received.at(-1)).toMatchObject({ method: 'POST', url: '/api/things?page=2', cookie: 'session=abc' });
  });

  it('answers 502 with a JSON error when the API is down', async () => {
    const down = await startWeb({ CONFLUX_API_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const response = await fetch(`${down.url}/api/health`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ statusCode: 502, message: 'The Conflux API is not reachable.' });
    } finally {
      await down.stop();
    }
  });
});
