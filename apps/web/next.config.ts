import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The API is reached through src/app/api/[...path]/route.ts, so its address is a run-time
  // setting (CONFLUX_API_URL) rather than one baked in at build time.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // No other site may frame Conflux (clickjacking a signed-in admin).
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default config;
