import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { CSRF_HEADER } from '@conflux/contracts';
import { launchBrowser } from './browser';
import { FIRST_ADMIN, startStack, type RunningStack } from './stack';

/**
 * The integration catalog as an admin meets it, in Chromium against the real built API and
 * web app: a system, a connector with an API key to a local upstream, "Test connection", an
 * OpenAPI import and "Try it". The API key must never reach the page once it is saved.
 */
const API_KEY = 'wx-live-7f3c9a2e51d84b60';
const FORM_SCREENSHOT = '/tmp/conflux-connector-form.png';
const TRY_IT_SCREENSHOT = '/tmp/conflux-try-it.png';
const IMPORT_SCREENSHOT = '/tmp/conflux-openapi-import.png';
const IMPORT_ERROR_SCREENSHOT = '/tmp/conflux-openapi-error.png';
const SYSTEM_SCREENSHOT = '/tmp/conflux-system-page.png';
const SYSTEMS_SCREENSHOT = '/tmp/conflux-systems-page.png';
const FAILURE_SCREENSHOT = '/tmp/conflux-catalog-failure.png';

const OPENAPI_YAML = `openapi: 3.0.3
info:
  title: Weather API
  version: "1.0"
paths:
  /v1/forecast/{city}:
    get:
      operationId: getForecast
      summary: Forecast for a city
      parameters:
        - name: city
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The forecast
          content:
            application/json:
              schema:
                type: object
                properties:
                  city:
                    type: string
                  temperature:
                    type: number
`;

describe('the integration catalog in the browser', () => {
  let stack: RunningStack;
  let browser: Browser;
  let upstream: http.Server;
  let upstreamUrl: string;
  let tempDir: string;
  const upstreamRequests: Array<{ method?: string; url?: string; apiKey?: string }> = [];

  beforeAll(async () => {
    // The weather service: answers only with the right key in X-Api-Key.
    upstream = http.createServer((req, res) => {
      const apiKey = req.headers['x-api-key'];
      upstreamRequests.push({ method: req.method, url: req.url, apiKey: typeof apiKey === 'string' ? apiKey : undefined });
      const json = { 'content-type': 'application/json' };
      if (apiKey !== API_KEY) {
        res.writeHead(401, json).end(JSON.stringify({ error: 'A valid X-Api-Key header is required' }));
        return;
      }
      const forecast = /^\/v1\/forecast\/([^/?#]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && forecast) {
        res.writeHead(200, json).end(JSON.stringify({ city: decodeURIComponent(forecast[1]!), temperature: 21.5 }));
        return;
      }
      res.writeHead(404, json).end(JSON.stringify({ error: 'No such resource' }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'conflux-catalog-'));
    stack = await startStack();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  /** The locator's text once it matches `pattern` (or what it was when time ran out, for the failure message). */
  async function eventualText(locator: Locator, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await locator.innerText();
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`Expected ${pattern}, still saw: ${JSON.stringify(text)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The request as the result shows it: method and (masked) URL. */
  const requestLine = async (result: Locator) => (await result.locator('.request-line').innerText()).replace(/\s+/g, ' ').trim();

  async function signIn(page: Page) {
    await page.getByLabel('Email', { exact: true }).fill(FIRST_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(FIRST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('describes a system, connects to it with an API key, imports its endpoint and tries it', async () => {
    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const keySaved = { value: false };
    const expectNoApiKeyInPage = async (where: string) => {
      if (!keySaved.value) return;
      const html = await page.content();
      if (html.includes(API_KEY)) throw new Error(`The API key appears in the page's HTML ${where}`);
    };
    try {
      await page.goto('/systems');
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page);
      await page.waitForURL((url) => url.pathname === '/systems');
      await page.getByRole('heading', { name: 'Systems', level: 1 }).waitFor();
      await page.getByText('Describe the first external system your dataflows will call').waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Systems' }).getAttribute('aria-current')).toBe('page');

      // A new system: checked before it is sent, the key follows the name.
      await page.getByRole('button', { name: 'New system' }).first().click();
      const systemForm = page.getByRole('form', { name: 'New system' });
      await systemForm.getByRole('button', { name: 'Create system' }).click();
      await systemForm.getByText('Enter a name').waitFor();
      await systemForm.getByLabel('Name', { exact: true }).fill('Weather service');
      expect(await systemForm.getByLabel('Key', { exact: true }).inputValue()).toBe('weather-service');
      await systemForm.getByLabel('Description', { exact: true }).fill('Forecasts for the cities our field teams visit.');
      await systemForm.getByLabel('Owner notes', { exact: true }).fill('Ask the platform team for keys.');
      await systemForm.getByRole('button', { name: 'Create system' }).click();
      await page.waitForURL((url) => /^\/systems\/[0-9a-f-]{36}$/.test(url.pathname));
      await page.getByRole('heading', { name: 'Weather service', level: 1 }).waitFor();
      await page.getByText('No connectors yet.').waitFor();

      // A connector: the authentication type decides which fields appear.
      await page.getByRole('link', { name: 'Add connector' }).first().click();
      await page.waitForURL((url) => url.pathname.endsWith('/connectors/new'));
      const connectorForm = page.getByRole('form', { name: 'New connector' });
      await connectorForm.getByLabel('Name', { exact: true }).fill('Production');
      expect(await connectorForm.getByLabel('Key', { exact: true }).inputValue()).toBe('production');
      await connectorForm.getByLabel('Base URL', { exact: true }).fill('not a url');
      expect(await connectorForm.getByLabel('Header name').count()).toBe(0);
      await connectorForm.getByLabel('Authentication type').selectOption('api_key');
      await connectorForm.getByLabel('Send the key in').selectOption('header');
      await connectorForm.getByLabel('Header name').fill('X-Api-Key');
      const apiKeyInput = connectorForm.getByLabel('API key', { exact: true });
      expect(await apiKeyInput.getAttribute('type')).toBe('password');
      await apiKeyInput.fill(API_KEY);
      await connectorForm.getByRole('button', { name: 'Create connector' }).click();
      await connectorForm.locator('.field.invalid').filter({ hasText: 'Base URL' }).getByText(/Enter an http\(s\) URL/).waitFor();
      await connectorForm.getByLabel('Base URL', { exact: true }).fill(upstreamUrl);
      await connectorForm.getByRole('button', { name: 'Create connector' }).click();
      await page.waitForURL((url) => /\/connectors\/[0-9a-f-]{36}$/.test(url.pathname));
      keySaved.value = true;
      await page.getByRole('heading', { name: 'Production', level: 1 }).waitFor();
      await expectNoApiKeyInPage('on the connector page');

      // The saved key is only "set": never prefilled, with Clear to remove it.
      const settings = page.getByRole('form', { name: 'Settings' });
      const storedKey = settings.getByLabel('API key', { exact: true });
      expect(await storedKey.inputValue()).toBe('');
      await settings.getByText('•••• set — leave blank to keep').waitFor();
      await settings.getByRole('button', { name: 'Clear API key' }).waitFor();
      await settings.getByRole('button', { name: /Advanced/ }).click();
      await settings.getByLabel('Max attempts').waitFor();

      // Test connection: the saved settings, the key masked in what comes back.
      await page.getByRole('button', { name: 'Test connection' }).click();
      const testResult = page.getByRole('region', { name: 'Test result' });
      await testResult.waitFor();
      expect(await testResult.locator('.pill.status').innerText()).toMatch(/^\d{3}\b/);
      expect(await requestLine(testResult)).toBe(`GET ${upstreamUrl}/`);
      expect(upstreamRequests.at(-1)).toEqual({ method: 'GET', url: '/', apiKey: API_KEY });
      await testResult.getByText('Request headers').click();
      expect(await testResult.getByRole('table', { name: 'Request headers' }).innerText()).toMatch(/x-api-key/i);
      await expectNoApiKeyInPage('after "Test connection"');
      await page.screenshot({ path: FORM_SCREENSHOT, fullPage: true });

      // Import the endpoint from an OpenAPI file.
      await page.getByText('No endpoints yet.').waitFor();
      const documentFile = path.join(tempDir, 'weather.yaml');
      await writeFile(documentFile, OPENAPI_YAML);
      await page.getByRole('button', { name: 'Import from OpenAPI' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import from OpenAPI' });
      // A document the validator refuses: its message, excerpt included, shows in the dialog.
      await dialog.getByLabel('OpenAPI document').fill('openapi: 3.0.3\ninfo:\n  title: No version\npaths: {}\n');
      await dialog.getByRole('button', { name: 'Preview' }).click();
      const problem = dialog.getByRole('alert');
      await problem.getByText('The OpenAPI document is not valid').waitFor();
      expect(await problem.locator('pre').first().innerText()).toMatch(/version/);
      await page.screenshot({ path: IMPORT_ERROR_SCREENSHOT });
      await dialog.getByLabel('Upload a file').setInputFiles(documentFile);
      await dialog.getByText('Loaded weather.yaml').waitFor();
      expect(await dialog.getByLabel('OpenAPI document').inputValue()).toContain('/v1/forecast/{city}');
      await dialog.getByRole('button', { name: 'Preview' }).click();
      const operation = dialog.getByRole('row').filter({ hasText: '/v1/forecast/{city}' });
      await operation.waitFor();
      expect(await operation.innerText()).toMatch(/GET[\s\S]*getforecast[\s\S]*Forecast for a city[\s\S]*new/);
      expect(await operation.getByRole('checkbox').isChecked()).toBe(true);
      await dialog.getByText('Weather API').waitFor();
      await page.screenshot({ path: IMPORT_SCREENSHOT });
      await dialog.getByRole('button', { name: 'Import 1 endpoint' }).click();
      await dialog.getByText('Imported: 1 created, 0 updated.').waitFor();
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const endpointRow = page.getByRole('table', { name: 'Endpoints' }).getByRole('row').filter({ hasText: 'getforecast' });
      await endpointRow.waitFor();
      expect(await endpointRow.innerText()).toMatch(/GET[\s\S]*\/v1\/forecast\/\{city\}/);
      await expectNoApiKeyInPage('after the import');

      // Try it: the path parameter is required, then the forecast comes back through the connector.
      await endpointRow.getByRole('link', { name: 'Try it: getforecast' }).click();
      await page.waitForURL((url) => /\/endpoints\/[0-9a-f-]{36}$/.test(url.pathname));
      const tryIt = page.getByRole('form', { name: 'Try it' });
      await tryIt.getByRole('button', { name: 'Send' }).click();
      await tryIt.locator('.field.invalid').filter({ hasText: 'city' }).locator('.field-error').filter({ hasText: 'Required' }).waitFor();
      await tryIt.getByLabel('city').fill('Oslo');
      await tryIt.getByRole('button', { name: 'Send' }).click();
      const response = page.getByRole('region', { name: 'Response' });
      await response.waitFor();
      expect(await response.locator('.pill.status').innerText()).toMatch(/^200\b/);
      expect(await response.locator('.pill.status').getAttribute('class')).toContain('ok');
      const body = await response.getByLabel('Response body').innerText();
      expect(body).toContain('21.5');
      expect(JSON.parse(body)).toEqual({ city: 'Oslo', temperature: 21.5 });
      expect(await requestLine(response)).toBe(`GET ${upstreamUrl}/v1/forecast/Oslo`);
      expect(upstreamRequests.at(-1)).toEqual({ method: 'GET', url: '/v1/forecast/Oslo', apiKey: API_KEY });
      await expectNoApiKeyInPage('after "Try it"');
      await page.screenshot({ path: TRY_IT_SCREENSHOT, fullPage: true });

      // Back on the system, the connector is listed with its endpoint.
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Weather service' }).click();
      const connectorRow = page.getByRole('table', { name: 'Connectors' }).getByRole('row').filter({ hasText: 'Production' });
      await connectorRow.waitFor();
      await eventualText(connectorRow, new RegExp(`^Production\tproduction\t${upstreamUrl.replace(/\./g, '\\.')}\tAPI key \\(header X-Api-Key\\)\t1$`));
      await expectNoApiKeyInPage('on the system page');
      await page.screenshot({ path: SYSTEM_SCREENSHOT, fullPage: true });
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Systems' }).click();
      const systemRow = page.getByRole('table', { name: 'Systems' }).getByRole('row').filter({ hasText: 'weather-service' });
      // The cached page shows first; the refetch brings the new connector count.
      await eventualText(systemRow, /^Weather service\tweather-service\tForecasts for the cities our field teams visit\.\t1$/);
      await page.screenshot({ path: SYSTEMS_SCREENSHOT, fullPage: true });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw new Error(
        `${(error as Error).message}\n(page: ${page.url()}; screenshot ${FAILURE_SCREENSHOT})\nAPI output:\n${stack.api.output()}`,
        { cause: error },
      );
    } finally {
      await context.close();
    }
  }, 150_000);

  it('keeps a stored secret when other settings change, clears it on request, and puts server errors beside their fields', async () => {
    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const token = 'bearer-token-0c4d2f9e81b7';
    try {
      await page.goto('/login');
      await signIn(page);
      await page.waitForURL((url) => url.pathname === '/');

      // Set up through the API with the browser's own session (its cookie and CSRF token).
      const session = await (await page.request.get('/api/auth/session')).json();
      const headers = { [CSRF_HEADER]: session.csrfToken };
      const system = await (
        await page.request.post('/api/systems', { headers, data: { key: 'billing', name: 'Billing', description: '', ownerNotes: '' } })
      ).json();
      const created = await page.request.post(`/api/systems/${system.id}/connectors`, {
        headers,
        data: { key: 'staging', name: 'Staging', baseUrl: upstreamUrl, auth: { type: 'bearer', token }, testPath: '/health' },
      });
      expect(created.status()).toBe(201);
      const connector = await created.json();

      await page.goto(`/systems/${system.id}/connectors/${connector.id}`);
      await page.getByRole('heading', { name: 'Staging', level: 1 }).waitFor();
      const settings = page.getByRole('form', { name: 'Settings' });
      const tokenInput = settings.getByLabel('Token', { exact: true });
      expect(await tokenInput.inputValue()).toBe('');
      await settings.getByText('•••• set — leave blank to keep').waitFor();
      expect(await page.content()).not.toContain(token);

      // Another setting changes; the blank token field keeps the stored token.
      await settings.getByLabel('Name', { exact: true }).fill('Staging EU');
      await page.getByText('Save your changes first').waitFor();
      await settings.getByRole('button', { name: 'Save changes' }).click();
      await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await page.getByRole('heading', { name: 'Staging EU', level: 1 }).waitFor();
      await settings.getByText('•••• set — leave blank to keep').waitFor();
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByRole('region', { name: 'Test result' }).waitFor();
      expect(upstreamRequests.at(-1)?.url).toBe('/health');

      // A value out of range: the message shows beside the field, in the advanced section.
      await settings.getByRole('button', { name: /Advanced/ }).click();
      await settings.getByLabel('Max attempts').fill('50');
      await settings.getByRole('button', { name: 'Save changes' }).click();
      await settings.locator('.field.invalid').filter({ hasText: 'Max attempts' }).locator('.field-error').waitFor();
      await settings.getByRole('button', { name: 'Discard changes' }).click();

      // Clear: the token is removed, and the test says what is missing.
      await settings.getByRole('button', { name: 'Clear Token' }).click();
      await settings.getByText('Cleared: saving removes the stored value.').waitFor();
      await settings.getByRole('button', { name: 'Save changes' }).click();
      await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await settings.getByText('Not set: requests fail until it is.').waitFor();
      expect(await settings.getByRole('button', { name: 'Clear Token' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByRole('alert').filter({ hasText: /bearer token is not set/i }).waitFor();

      // An endpoint added by hand: the path's placeholder is described with one click.
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const endpointForm = page.getByRole('form', { name: 'Add endpoint' });
      await endpointForm.getByLabel('Key', { exact: true }).fill('get-invoice');
      await endpointForm.getByLabel('Path', { exact: true }).fill('/invoices/{id}');
      await endpointForm.getByRole('button', { name: 'Add endpoint' }).click();
      await endpointForm.getByText('Describe the path parameter {id}').waitFor();
      await endpointForm.getByRole('button', { name: 'Describe {id}' }).click();
      expect(await endpointForm.getByLabel('Parameter 1 name').inputValue()).toBe('id');
      await endpointForm.getByRole('button', { name: 'Add endpoint' }).click();
      await page.getByRole('status').filter({ hasText: 'Added the endpoint get-invoice.' }).waitFor();
      const invoiceRow = page.getByRole('table', { name: 'Endpoints' }).getByRole('row').filter({ hasText: 'get-invoice' });
      expect(await invoiceRow.innerText()).toMatch(/GET[\s\S]*\/invoices\/\{id\}/);

      // The same key twice: the API's 409 shows beside the Key field.
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Billing' }).click();
      await page.getByRole('link', { name: 'Add connector' }).click();
      const form = page.getByRole('form', { name: 'New connector' });
      await form.getByLabel('Name', { exact: true }).fill('Staging');
      await form.getByLabel('Base URL', { exact: true }).fill(upstreamUrl);
      await form.getByRole('button', { name: 'Create connector' }).click();
      await form.locator('.field.invalid').filter({ hasText: 'Key' }).getByText('This key is taken').waitFor();
      await form.getByRole('button', { name: 'Cancel' }).click();

      // Deleting the system asks first, then leads back to the list.
      await page.getByRole('button', { name: 'Delete system' }).click();
      await page.getByRole('dialog', { name: 'Delete the system “Billing”?' }).getByRole('button', { name: 'Delete system' }).click();
      await page.waitForURL((url) => url.pathname === '/systems');
      await page.getByRole('table', { name: 'Systems' }).waitFor();
      expect(await page.getByRole('row').filter({ hasText: 'billing' }).count()).toBe(0);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw new Error(
        `${(error as Error).message}\n(page: ${page.url()}; screenshot ${FAILURE_SCREENSHOT})\nAPI output:\n${stack.api.output()}`,
        { cause: error },
      );
    } finally {
      await context.close();
    }
  }, 150_000);
});
