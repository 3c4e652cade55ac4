import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The API is reached through src/app/api/[...path]/route.ts, so its address is a run-time
  // setting (CONFLUX_API_URL) rather than one baked in at build time.
};

export default config;
