#!/usr/bin/env node
// A stand-in for the Open-Meteo APIs with made-up data, so the weather sample runs with no
// internet access. It serves both hosts' paths on one port:
//   GET /v1/search?name=Oslo[&count=1]          like https://geocoding-api.open-meteo.com
//   GET /v1/forecast?latitude=..&longitude=..&current=temperature_2m,weather_code
//                                                like https://api.open-meteo.com
// Usage: node examples/weather/server.mjs [--port 8090] [--host 127.0.0.1]
// Prints "listening on http://HOST:PORT" once it accepts connections (--port 0 picks a free port).
import http from 'node:http';

const PLACES = [
  { name: 'Oslo', latitude: 59.91273, longitude: 10.74609, country: 'Norway', country_code: 'NO', timezone: 'Europe/Oslo' },
  { name: 'Bergen', latitude: 60.39299, longitude: 5.32415, country: 'Norway', country_code: 'NO', timezone: 'Europe/Oslo' },
  { name: 'Stockholm', latitude: 59.32938, longitude: 18.06871, country: 'Sweden', country_code: 'SE', timezone: 'Europe/Stockholm' },
  { name: 'Copenhagen', latitude: 55.67594, longitude: 12.56553, country: 'Denmark', country_code: 'DK', timezone: 'Europe/Copenhagen' },
  { name: 'Helsinki', latitude: 60.16952, longitude: 24.93545, country: 'Finland', country_code: 'FI', timezone: 'Europe/Helsinki' },
  { name: 'Berlin', latitude: 52.52437, longitude: 13.41053, country: 'Germany', country_code: 'DE', timezone: 'Europe/Berlin' },
  { name: 'Paris', latitude: 48.85341, longitude: 2.3488, country: 'France', country_code: 'FR', timezone: 'Europe/Paris' },
  { name: 'London', latitude: 51.50853, longitude: -0.12574, country: 'United Kingdom', country_code: 'GB', timezone: 'Europe/London' },
  { name: 'Madrid', latitude: 40.4165, longitude: -3.70256, country: 'Spain', country_code: 'ES', timezone: 'Europe/Madrid' },
  { name: 'Rome', latitude: 41.89193, longitude: 12.51133, country: 'Italy', country_code: 'IT', timezone: 'Europe/Rome' },
  { name: 'New York', latitude: 40.71427, longitude: -74.00597, country: 'United States', country_code: 'US', timezone: 'America/New_York' },
  { name: 'Tokyo', latitude: 35.6895, longitude: 139.69171, country: 'Japan', country_code: 'JP', timezone: 'Asia/Tokyo' },
  { name: 'Sydney', latitude: -33.86785, longitude: 151.20732, country: 'Australia', country_code: 'AU', timezone: 'Australia/Sydney' },
];

// WMO weather interpretation codes that Open-Meteo uses.
const CODES = [0, 1, 2, 3, 45, 51, 61, 63, 71, 80, 95];

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The same made-up weather for the same place and hour. */
function weatherAt(latitude, longitude, now = new Date()) {
  const hour = Math.floor(now.getTime() / 3_600_000);
  const seed = Math.abs(Math.sin(latitude * 12.9898 + longitude * 78.233 + hour * 0.001) * 43758.5453) % 1;
  const base = 25 - Math.abs(latitude) * 0.45;
  const temperature = Math.round((base + (seed - 0.5) * 10) * 10) / 10;
  const time = new Date(hour * 3_600_000).toISOString().slice(0, 16);
  return { time, interval: 900, temperature_2m: temperature, weather_code: CODES[Math.floor(seed * CODES.length)] };
}

export function createWeatherServer() {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') return send(res, 405, { error: true, reason: 'Only GET is supported' });
    if (url.pathname === '/v1/search') {
      const name = (url.searchParams.get('name') ?? '').trim().toLowerCase();
      const count = Math.min(Math.max(Number(url.searchParams.get('count') ?? 10) || 10, 1), 100);
      if (!name) return send(res, 400, { error: true, reason: 'Parameter name is required' });
      const results = PLACES.filter((place) => place.name.toLowerCase().startsWith(name)).slice(0, count);
      return send(res, 200, results.length ? { results: results.map((place, index) => ({ id: index + 1, ...place })), generationtime_ms: 0.1 } : { generationtime_ms: 0.1 });
    }
    if (url.pathname === '/v1/forecast') {
      const latitude = Number(url.searchParams.get('latitude'));
      const longitude = Number(url.searchParams.get('longitude'));
      if (!url.searchParams.get('latitude') || !url.searchParams.get('longitude') || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
        return send(res, 400, { error: true, reason: 'Parameters latitude and longitude are required numbers' });
      }
      const current = weatherAt(latitude, longitude);
      const wanted = (url.searchParams.get('current') ?? 'temperature_2m,weather_code').split(',');
      return send(res, 200, {
        latitude,
        longitude,
        timezone: 'GMT',
        current_units: { time: 'iso8601', interval: 'seconds', temperature_2m: '°C', weather_code: 'wmo code' },
        current: Object.fromEntries(Object.entries(current).filter(([key]) => key === 'time' || key === 'interval' || wanted.includes(key))),
      });
    }
    return send(res, 404, { error: true, reason: `No such path: ${url.pathname}` });
  });
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const arg = (name, fallback) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : fallback;
  };
  const host = arg('host', process.env.HOST ?? '127.0.0.1');
  const port = Number(arg('port', process.env.PORT ?? 8090));
  const server = createWeatherServer();
  server.listen(port, host, () => console.log(`listening on http://${host}:${server.address().port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
