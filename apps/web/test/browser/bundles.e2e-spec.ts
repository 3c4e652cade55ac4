import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { FIRST_ADMIN, startStack, type RunningStack } from './stack';

/**
 * The weather sample as the README runs it, in Chromium against the real built API (with its
 * job worker) and web app: an admin imports examples/weather/weather.bundle.json on /bundles
 * with both connectors pointed at the sample's local server, a user submits "Oslo" in the
 * imported form and sees the weather that server made up.
 */
const WEATHER_DIR = path.resolve(__dirname, '../../../../examples/weather');
const BUNDLE_FILE = path.join(WEATHER_DIR, 'weather.bundle.json');
const PLAN_SCREENSHOT = '/tmp/conflux-bundle-plan.png';
const RESULT_SCREENSHOT = '/tmp/conflux-bundle-weather-result.png';
const FAILURE_SCREENSHOT = '/tmp/conflux-bundles-failure.png';
const USER = { email: 'grace@example.test', name: 'Grace Hopper', password: 'a-user-password-for-tests' };

/** `node examples/weather/server.mjs --port 0`, resolved with its URL once it prints that it listens. */
function startWeatherServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(WEATHER_DIR, 'server.mjs'), '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The weather server did not start:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The weather server exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Signs in over the API and returns a caller with the admin's cookie and CSRF token. */
async function adminApi(apiUrl: string) {
  const login = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(FIRST_ADMIN),
  });
  if (login.status !== 200) throw new Error(`Sign-in over the API answered ${login.status}: ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return async <T>(method: string, apiPath: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${apiUrl}/api${apiPath}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

describe('importing the weather bundle in the browser', () => {
  let stack: RunningStack;
  let browser: Browser;
  let weather: { url: string; child: ChildProcess } | undefined;

  beforeAll(async () => {
    weather = await startWeatherServer();
    // Submissions run on the job worker, which the other browser tests leave off.
    stack = await startStack({ CONFLUX_WORKER_ENABLED: 'true' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    // The stack's API has a database of its own, dropped as it stops.
    await browser?.close();
    await stack?.stop();
    await stopChild(weather?.child);
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** What the sample server says about Oslo right now, as the dataflow will ask it. */
  async function osloTemperature(): Promise<number> {
    const search = (await (await fetch(`${weather!.url}/v1/search?name=Oslo&count=1`)).json()) as { results: Array<{ latitude: number; longitude: number }> };
    const { latitude, longitude } = search.results[0]!;
    const forecast = (await (await fetch(`${weather!.url}/v1/forecast?latitude=${latitude}&longitude=${longitude}&current=temperature_2m,weather_code`)).json()) as {
      current: { temperature_2m: number };
    };
    return forecast.current.temperature_2m;
  }

  it('imports the bundle with the local server as base URL, and a user sees the weather in Oslo', async () => {
    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      // ---- The admin: Bundles is in the navigation; nothing imported yet.
      await page.goto('/bundles');
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page, FIRST_ADMIN.email, FIRST_ADMIN.password);
      await page.waitForURL((url) => url.pathname === '/bundles');
      await page.getByRole('heading', { name: 'Bundles', level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Bundles' }).getAttribute('aria-current')).toBe('page');
      await page.getByText('No bundle has been imported into this installation yet.').waitFor();
      await page.getByText('No components to export yet.').waitFor();

      // A broken document is refused before anything is sent; a wrong one lists its problems with their paths.
      const importForm = page.getByRole('form', { name: 'Import a bundle' });
      await importForm.getByLabel('Bundle (JSON)').fill('{"format": ');
      await importForm.getByRole('button', { name: 'Preview plan' }).click();
      await importForm.getByText(/This is not valid JSON/).waitFor();
      await importForm.getByLabel('Bundle (JSON)').fill('{"format": "conflux.bundle", "formatVersion": 1, "components": [{"key": "Not a key", "name": ""}]}');
      await importForm.getByRole('button', { name: 'Preview plan' }).click();
      const problems = importForm.getByRole('list', { name: 'Problems in the bundle' });
      await problems.waitFor();
      expect(await problems.innerText()).toMatch(/components\.0\.key/);
      expect(await problems.innerText()).toMatch(/components\.0\.name/);

      // ---- The weather bundle: upload, plan, overrides, apply.
      await importForm.getByLabel('Bundle file').setInputFiles(BUNDLE_FILE);
      await importForm.getByText('Loaded weather.bundle.json').waitFor();
      expect(await problems.count()).toBe(0);
      await importForm.getByRole('button', { name: 'Preview plan' }).click();
      const planSection = page.getByRole('region', { name: 'Import plan' });
      const plan = planSection.getByRole('table', { name: 'Plan' });
      await plan.waitFor();
      for (const key of ['open-meteo', 'open-meteo/default', 'open-meteo/geocoding', 'weather', 'weather/current-weather', 'get-weather']) {
        expect(await plan.getByRole('row').filter({ has: page.getByText(key, { exact: true }) }).innerText()).toMatch(/Create/);
      }
      expect(await plan.getByText('Conflict', { exact: true }).count()).toBe(0);
      await planSection.getByLabel('Base URL of open-meteo/default').fill(weather!.url);
      await planSection.getByLabel('Base URL of open-meteo/geocoding').fill(weather!.url);
      await page.screenshot({ path: PLAN_SCREENSHOT, fullPage: true });
      await planSection.getByRole('button', { name: 'Apply' }).click();
      const result = page.getByRole('region', { name: 'Import result' });
      await result.getByText('Imported.').waitFor({ timeout: 30_000 });
      await result.getByRole('table', { name: 'Applied changes' }).waitFor();

      // The import is recorded, and the component can be exported again.
      const history = page.getByRole('table', { name: 'Recent imports' });
      await history.getByRole('row').filter({ hasText: 'weather' }).waitFor();
      expect(await history.getByRole('row').count()).toBe(2);

      // The same bundle again, with the same overrides: nothing would change.
      await importForm.getByRole('button', { name: 'Preview plan again' }).click();
      await result.waitFor({ state: 'detached' });
      await planSection.getByText('0 to create, 0 to update, 8 unchanged, no conflicts.').waitFor();

      // Export: the imported component, downloaded as a file named for today.
      const exportForm = page.getByRole('form', { name: 'Export a bundle' });
      await exportForm.getByLabel(/Weather/).check();
      const [download] = await Promise.all([page.waitForEvent('download'), exportForm.getByRole('button', { name: 'Download bundle' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^conflux-bundle-\d{4}-\d{2}-\d{2}\.json$/);
      const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; components: Array<{ key: string }> };
      expect(exported.format).toBe('conflux.bundle');
      expect(exported.components.map((component) => component.key)).toEqual(['weather']);
      await exportForm.getByText(/Downloaded conflux-bundle-/).waitFor();

      const api = await adminApi(stack.api.url);
      const systems = await api<{ items: Array<{ id: string; key: string }> }>('GET', '/systems?limit=200');
      const openMeteo = await api<{ connectors: Array<{ key: string; baseUrl: string }> }>('GET', `/systems/${systems.items.find((system) => system.key === 'open-meteo')!.id}`);
      expect(openMeteo.connectors.map((connector) => connector.baseUrl)).toEqual([weather!.url, weather!.url]);
      await api('POST', '/users', { ...USER, role: 'user' });

      // ---- The user: My forms → Current weather → Oslo → the weather of the sample server.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page, USER.email, USER.password);
      await page.waitForURL((url) => url.pathname === '/my/forms');
      await page.getByRole('heading', { name: 'My forms', level: 1 }).waitFor();
      await page.getByRole('list', { name: 'Your forms' }).getByRole('link', { name: 'Open Current weather' }).click();
      await page.waitForURL((url) => /^\/my\/forms\/[0-9a-f-]{36}$/.test(url.pathname));
      const form = page.getByRole('form', { name: 'Current weather' });
      await form.getByLabel('City').fill('Oslo');
      await form.getByRole('button', { name: 'Submit' }).click();
      const answer = page.getByRole('region', { name: 'Submission' }).getByRole('region', { name: 'Result' });
      await answer.getByRole('heading', { name: 'Weather in Oslo' }).waitFor({ timeout: 45_000 });
      const text = (await answer.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('City Oslo, Norway');
      expect(text).toContain(`Temperature ${await osloTemperature()} °C`);
      expect(text).toMatch(/Conditions \S/);
      await page.screenshot({ path: RESULT_SCREENSHOT, fullPage: true });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n(page: ${page.url()}; screenshot ${FAILURE_SCREENSHOT})\nAPI output:\n${stack.api.output()}`, { cause: error });
    } finally {
      await context.close();
    }
  }, 240_000);
});
