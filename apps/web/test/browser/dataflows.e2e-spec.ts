import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { FIRST_ADMIN, startStack, type RunningStack } from './stack';

/**
 * A dataflow as an admin builds it, in Chromium against the real built API (with its job
 * worker) and web app: an Execute API call step chosen through System → Connector → Query
 * path, a broken expression shown beside its field, a test run of the draft watched live
 * until the forecast of a local upstream comes back, and the run listed under Runs.
 */
const EDITOR_SCREENSHOT = '/tmp/conflux-dataflow-editor.png';
const EDITOR_ERROR_SCREENSHOT = '/tmp/conflux-dataflow-editor-error.png';
const RUN_SCREENSHOT = '/tmp/conflux-run-view.png';
const RUNS_SCREENSHOT = '/tmp/conflux-runs-page.png';
const FAILURE_SCREENSHOT = '/tmp/conflux-dataflows-failure.png';
/** Long enough to see the step running, short enough for a quick test. */
const UPSTREAM_DELAY_MS = 1_500;
/** The forecast for "Slow" takes long enough to cancel the run that waits for it. */
const SLOW_DELAY_MS = 12_000;

/** The catalog, created over the API with the admin's session: the browser part is about dataflows. */
async function createCatalog(apiUrl: string, upstreamUrl: string) {
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
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${apiUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    if (![200, 201, 202].includes(response.status)) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const system = await post<{ id: string }>('/systems', { key: 'weather-service', name: 'Weather service' });
  const connector = await post<{ id: string }>(`/systems/${system.id}/connectors`, {
    key: 'production',
    name: 'Production',
    baseUrl: upstreamUrl,
    auth: { type: 'none' },
  });
  const endpoint = await post<{ id: string }>(`/connectors/${connector.id}/endpoints`, {
    key: 'get-forecast',
    path: '/forecast/{city}',
    methods: ['GET'],
    summary: 'Forecast for a city',
    parameters: [{ name: 'city', in: 'path', type: 'string', required: true }],
  });
  return { post, systemId: system.id, connectorId: connector.id, endpointId: endpoint.id };
}

describe('dataflows and runs in the browser', () => {
  let stack: RunningStack;
  let browser: Browser;
  let upstream: http.Server;
  let upstreamUrl: string;
  let catalog: Awaited<ReturnType<typeof createCatalog>>;
  const upstreamRequests: string[] = [];
  const pendingAnswers = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      upstreamRequests.push(`${req.method} ${req.url}`);
      const forecast = /^\/forecast\/([^/?#]+)$/.exec(req.url ?? '');
      const json = { 'content-type': 'application/json' };
      if (req.method !== 'GET' || !forecast) {
        res.writeHead(404, json).end(JSON.stringify({ error: 'No such resource' }));
        return;
      }
      const city = decodeURIComponent(forecast[1]!);
      const timer = setTimeout(
        () => {
          pendingAnswers.delete(timer);
          res.writeHead(200, json).end(JSON.stringify({ city, temperatureC: 21.5 }));
        },
        city === 'Slow' ? SLOW_DELAY_MS : UPSTREAM_DELAY_MS,
      );
      pendingAnswers.add(timer);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    // Runs need the job worker, which the other browser tests leave off.
    stack = await startStack({ CONFLUX_WORKER_ENABLED: 'true' });
    browser = await launchBrowser();
    catalog = await createCatalog(stack.api.url, upstreamUrl);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    for (const timer of pendingAnswers) clearTimeout(timer);
    upstream?.closeAllConnections();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  async function signIn(page: Page) {
    await page.getByLabel('Email', { exact: true }).fill(FIRST_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(FIRST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Scrolled to the top first: sticky parts (the sidebar, the editor's action bar) then sit where they belong. */
  async function screenshot(page: Page, path: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path, fullPage: true });
  }

  const step = (page: Page, number: number): Locator => page.getByRole('region', { name: new RegExp(`^Step ${number}: `) });

  it('builds a dataflow calling an API, shows a broken expression at its field, test-runs it live and lists the run', async () => {
    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto('/dataflows');
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page);
      await page.waitForURL((url) => url.pathname === '/dataflows');
      await page.getByRole('heading', { name: 'Dataflows', level: 1 }).waitFor();
      await page.getByText('No dataflows yet.').waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Dataflows' }).getAttribute('aria-current')).toBe('page');
      await nav.getByRole('link', { name: 'Runs' }).waitFor();

      // A new dataflow: its key follows the name; it opens in the editor with its Input step.
      await page.getByRole('button', { name: 'New dataflow' }).first().click();
      const createForm = page.getByRole('form', { name: 'New dataflow' });
      await createForm.getByLabel('Name', { exact: true }).fill('Weather report');
      expect(await createForm.getByLabel('Key', { exact: true }).inputValue()).toBe('weather-report');
      await createForm.getByRole('button', { name: 'Create dataflow' }).click();
      await page.waitForURL((url) => url.pathname === '/dataflows/weather-report');
      await page.getByRole('heading', { name: 'Weather report', level: 1 }).waitFor();
      await step(page, 1).getByText('Input', { exact: true }).first().waitFor();
      expect(await page.getByLabel('Version status').innerText()).toMatch(/Draft · version 1[\s\S]*Not published yet/);

      // Execute API call: System → Connector → Query path, then the path parameter is prefilled.
      await page.getByRole('button', { name: 'Add step' }).click();
      await page.getByRole('group', { name: 'Choose the step type' }).getByRole('button', { name: /^Execute API call/ }).click();
      const apiCall = step(page, 2);
      await apiCall.waitFor();
      await apiCall.getByLabel('Step name', { exact: true }).fill('Get weather');
      expect(await apiCall.getByLabel('Step id', { exact: true }).inputValue()).toBe('get-weather');
      expect(await apiCall.getByLabel('Source step', { exact: true }).inputValue()).toBe('input');
      await page.getByText('Unsaved changes', { exact: true }).waitFor();
      await apiCall.getByLabel('Result store field', { exact: true }).fill('weather');
      expect(await apiCall.getByLabel('Connector', { exact: true }).isDisabled()).toBe(true);
      await apiCall.getByLabel('System', { exact: true }).selectOption({ label: 'Weather service (weather-service)' });
      await apiCall.getByLabel('Connector', { exact: true }).selectOption({ label: `Production — ${upstreamUrl}` });
      const queryPath = apiCall.getByLabel('Query path', { exact: true });
      await queryPath.locator('option', { hasText: '/forecast/{city}' }).waitFor({ state: 'attached' });
      await queryPath.selectOption({ label: 'GET /forecast/{city} — Forecast for a city' });
      expect(await apiCall.getByLabel('Method', { exact: true }).inputValue()).toBe('GET');
      const cityValue = apiCall.getByLabel('Value of path parameter city', { exact: true });
      await cityValue.waitFor();
      expect(await apiCall.getByLabel('Kind of path parameter city', { exact: true }).inputValue()).toBe('expression');
      expect(await apiCall.getByRole('table', { name: 'Parameters mapping' }).innerText()).toContain('required');
      await cityValue.fill('city +');

      await page.getByRole('button', { name: 'Add step' }).click();
      await page.getByRole('group', { name: 'Choose the step type' }).getByRole('button', { name: /^Write response/ }).click();
      const writeResponse = step(page, 3);
      await writeResponse.waitFor();
      expect(await writeResponse.getByLabel('Source step', { exact: true }).inputValue()).toBe('get-weather');

      // The server finds the broken expression and says so beside the parameter's value, and at the top.
      await page.getByRole('button', { name: 'Save draft' }).click();
      const cityCell = apiCall.getByRole('cell').filter({ has: page.getByLabel('Value of path parameter city') });
      const cityError = cityCell.locator('.field-error');
      await cityError.waitFor();
      expect((await cityError.innerText()).length).toBeGreaterThan(0);
      expect(await cityValue.getAttribute('aria-invalid')).toBe('true');
      const summary = page.locator('.problem-summary');
      expect(await summary.innerText()).toMatch(/The dataflow has problems[\s\S]*Step 2 “Get weather” · Parameter 1 value/);
      await page.getByText('Unsaved changes', { exact: true }).waitFor();
      await screenshot(page, EDITOR_ERROR_SCREENSHOT);

      await cityValue.fill('city');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('Draft saved.').waitFor();
      await summary.waitFor({ state: 'detached' });
      expect(await cityError.count()).toBe(0);
      expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(0);

      // The test input is checked as JSON before anything runs.
      const testInput = page.getByLabel('Test input (JSON)');
      await testInput.fill('{city: Oslo');
      await page.getByRole('button', { name: 'Test run', exact: true }).click();
      await page.getByText(/^Not valid JSON/).waitFor();

      // A test run of the draft: the API call step is seen running, live, then everything succeeds.
      await testInput.fill('{"city": "Oslo"}');
      await page.getByRole('button', { name: 'Test run', exact: true }).click();
      const run = page.getByRole('region', { name: 'Run', exact: true });
      await run.waitFor();
      const runningStep = run.getByRole('listitem', { name: 'Step 2. Get weather' });
      await runningStep.locator('.pill.run-status.running .spinner').waitFor({ timeout: 10_000 });
      await run.getByText('Live', { exact: true }).waitFor();
      await run.locator('.run-title .pill.run-status.succeeded').waitFor({ timeout: 20_000 });
      const steps = run.getByRole('list', { name: 'Steps' }).getByRole('listitem');
      expect(await steps.count()).toBe(3);
      for (const status of await steps.locator('.step-run-header .pill').allInnerTexts()) expect(status.trim()).toBe('Succeeded');
      const output = run.getByLabel('Output', { exact: true });
      await output.waitFor();
      expect(await output.innerText()).toContain('21.5');
      expect(JSON.parse(await output.innerText())).toEqual({ city: 'Oslo', weather: { city: 'Oslo', temperatureC: 21.5 } });
      expect(upstreamRequests).toEqual(['GET /forecast/Oslo']);
      await screenshot(page, EDITOR_SCREENSHOT);

      // The request as sent and the response, in the step's sections.
      await runningStep.getByText('Request', { exact: true }).click();
      expect((await runningStep.getByRole('group', { name: 'Request', exact: true }).innerText()).replace(/\s+/g, ' ')).toContain(`GET ${upstreamUrl}/forecast/Oslo`);
      await runningStep.getByText('Response', { exact: true }).click();
      expect(await runningStep.getByRole('group', { name: 'Response', exact: true }).innerText()).toMatch(/^200/);

      // Published, and the run is listed under Runs; its own page shows the same.
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Published version 1.', { exact: false }).waitFor();
      expect(await page.getByLabel('Version status').innerText()).toMatch(/Version 1 published/);

      await nav.getByRole('link', { name: 'Runs' }).click();
      await page.waitForURL((url) => url.pathname === '/runs');
      const row = page.getByRole('table', { name: 'Runs' }).getByRole('row').filter({ hasText: 'Weather report' });
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Weather report[\s\S]*v1[\s\S]*weather-report[\s\S]*Succeeded[\s\S]*Editor test/);
      await page.getByLabel('Status', { exact: true }).selectOption('failed');
      await page.getByText('No run matches these filters.').waitFor();
      await page.getByLabel('Status', { exact: true }).selectOption('succeeded');
      await row.waitFor();
      await screenshot(page, RUNS_SCREENSHOT);

      await row.getByRole('link').click();
      await page.waitForURL((url) => /^\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
      await page.getByRole('heading', { name: /Weather report/, level: 1 }).waitFor();
      const runPage = page.getByRole('region', { name: 'Run', exact: true });
      await runPage.getByLabel('Output', { exact: true }).waitFor();
      await runPage.getByRole('listitem', { name: 'Step 2. Get weather' }).getByText('Model after').click();
      await screenshot(page, RUN_SCREENSHOT);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n(page: ${page.url()}; screenshot ${FAILURE_SCREENSHOT})\nAPI output:\n${stack.api.output()}`, { cause: error });
    } finally {
      await context.close();
    }
  }, 180_000);

  it('follows a long run live, cancels it, and checks a new step before saving', async () => {
    const { post, systemId, connectorId, endpointId } = catalog;
    await post('/dataflows', {
      key: 'slow-weather',
      name: 'Slow weather',
      steps: [
        { id: 'input', name: 'Input', type: 'input', config: { mode: 'raw' } },
        {
          id: 'get-weather',
          name: 'Get weather',
          sourceStepId: 'input',
          type: 'execute_api_call',
          config: { resultStoreField: 'weather', systemId, connectorId, endpointId, method: 'GET', parameters: [{ in: 'path', name: 'city', value: { kind: 'expression', source: 'city' } }] },
        },
      ],
    });
    await post('/dataflows/slow-weather/runs', { input: { city: 'Slow' }, version: 'draft' });

    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      // The list refreshes itself while a run is in progress.
      await page.goto('/runs?dataflow=slow-weather');
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page);
      await page.waitForURL((url) => url.pathname === '/runs');
      expect(await page.getByLabel('Dataflow key', { exact: true }).inputValue()).toBe('slow-weather');
      const row = page.getByRole('table', { name: 'Runs' }).getByRole('row').filter({ hasText: 'Slow weather' });
      await row.locator('.pill.run-status.running').waitFor({ timeout: 10_000 });
      await page.getByText('Runs in progress: refreshing every few seconds.').waitFor();
      expect(await page.getByRole('table', { name: 'Runs' }).getByRole('row').count()).toBe(2);

      // Its page shows the API call step running; Cancel stops it.
      await row.getByRole('link').click();
      await page.waitForURL((url) => /^\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
      const run = page.getByRole('region', { name: 'Run', exact: true });
      await run.getByRole('listitem', { name: 'Step 2. Get weather' }).locator('.spinner').waitFor();
      await run.getByText('Live', { exact: true }).waitFor();
      await run.getByRole('button', { name: 'Cancel run' }).click();
      await run.locator('.run-title .pill.run-status.cancelled').waitFor({ timeout: 10_000 });
      await run.getByText('The run was cancelled.').first().waitFor();
      expect(await run.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);

      await page.goBack();
      await page.waitForURL((url) => url.pathname === '/runs');
      await row.locator('.pill.run-status.cancelled').waitFor();
      await page.getByText('Runs in progress: refreshing every few seconds.').waitFor({ state: 'detached' });

      // A new Filter step is checked with the contract's schema before anything is sent; removing it leaves nothing unsaved.
      await page.goto('/dataflows/slow-weather');
      await step(page, 2).waitFor();
      await page.getByRole('button', { name: 'Add step' }).click();
      await page.getByRole('group', { name: 'Choose the step type' }).getByRole('button', { name: /^Filter/ }).click();
      const filter = step(page, 3);
      await page.getByRole('button', { name: 'Save draft' }).click();
      await filter.locator('.field.invalid').filter({ hasText: 'Condition' }).getByText('Enter a condition').waitFor();
      expect(await page.locator('.problem-summary').innerText()).toContain('Step 3 “Filter” · Condition: Enter a condition');
      await page.getByRole('button', { name: 'Move step 3 up' }).click();
      expect(await step(page, 2).getByRole('heading').innerText()).toContain('Filter');
      expect(await step(page, 3).getByLabel('Source step', { exact: true }).inputValue()).toBe('input');
      await page.getByText('Unsaved changes', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Remove step 2' }).click();
      await page.getByText('Unsaved changes', { exact: true }).waitFor({ state: 'detached' });
      expect(await page.getByRole('button', { name: 'Save draft' }).isDisabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n(page: ${page.url()}; screenshot ${FAILURE_SCREENSHOT})\nAPI output:\n${stack.api.output()}`, { cause: error });
    } finally {
      await context.close();
    }
  }, 120_000);
});
