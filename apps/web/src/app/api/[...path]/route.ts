import type { NextRequest } from 'next/server';

/**
 * Forwards /api/* to the Conflux API, so the browser talks to one origin (cookies stay
 * first-party, no CORS) and the API's address is a run-time setting. Bodies are streamed
 * both ways, which keeps server-sent events live.
 */
const apiUrl = () => process.env.CONFLUX_API_URL || 'http://127.0.0.1:3001';

// Hop-by-hop headers and those fetch computes itself must not be copied.
const DROP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'accept-encoding']);

async function forward(request: NextRequest): Promise<Response> {
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, apiUrl());
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!DROP.has(name)) headers.set(name, value);
  });
  const forwardedFor = request.headers.get('x-forwarded-for');
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
  const hasBody = !['GET', 'HEAD'].includes(request.method);
  try {
    const upstream = await fetch(url, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: request.signal,
      // Required by Node's fetch to stream a request body.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
    const responseHeaders = new Headers();
    upstream.headers.forEach((value, name) => {
      // fetch already decoded the body; cookies are copied one by one below.
      if (!DROP.has(name) && name !== 'content-encoding' && name !== 'set-cookie') responseHeaders.append(name, value);
    });
    for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
    return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
  } catch {
    return Response.json(
      { statusCode: 502, error: 'Bad Gateway', message: 'The Conflux API is not reachable.' },
      { status: 502 },
    );
  }
}

export const dynamic = 'force-dynamic';
export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE };
