import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { FIRST_ADMIN, startStack, type RunningStack } from './stack';

/**
 * The weather component end to end, in Chromium against the real built API (with its job
 * worker) and web app: the admin describes the component, its display function and a form in
 * the UI (the dataflow, calling a local upstream and saving a record with Update entry, comes
 * over the API); a user submits the form, watches it run and sees the displayed result; the
 * admin finds the stored record in the records table.
 */
const EDITOR_SCREENSHOT = '/tmp/conflux-form-editor.png';
const COMPONENT_SCREENSHOT = '/tmp/conflux-component-page.png';
const RESULT_SCREENSHOT = '/tmp/conflux-form-result.png';
const FAILURE_RESULT_SCREENSHOT = '/tmp/conflux-form-failure.png';
const RECORDS_SCREENSHOT = '/tmp/conflux-records-table.png';
const FAILURE_SCREENSHOT = '/tmp/conflux-forms-failure.png';
/** Long enough to see the run in progress, short enough for a quick test. */
const UPSTREAM_DELAY_MS = 1_200;
const SYSTEM_KEY = 'forms-weather-service';
const USER = { email: 'ada@example.test', name: 'Ada Lovelace', password: 'a-user-password-for-tests' };

const DISPLAY_FUNCTION = `return {
  title: 'Weather in ' + item.city,
  blocks: [{ type: 'keyValue', pairs: [
    { label: 'Temperature', value: item.temperature },
    { label: 'Conditions', value: item.conditions },
  ] }],
};`;

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
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${apiUrl}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}

describe('components, forms and the end-user side in the browser', () => {
  let stack: RunningStack;
  let browser: Browser;
  let upstream: http.Server;
  let upstreamUrl: string;
  const upstreamRequests: string[] = [];

  beforeAll(async () => {
    // The weather service: Atlantis does not exist.
    upstream = http.createServer((req, res) => {
      upstreamRequests.push(`${req.method} ${req.url}`);
      const weather = /^\/weather\/([^/?#]+)$/.exec(req.url ?? '');
      const json = { 'content-type': 'application/json' };
      if (req.method !== 'GET' || !weather) {
        res.writeHead(404, json).end(JSON.stringify({ error: 'No such resource' }));
        return;
      }
      const city = decodeURIComponent(weather[1]!);
      setTimeout(() => {
        if (city === 'Atlantis') res.writeHead(404, json).end(JSON.stringify({ error: 'Unknown city' }));
        else res.writeHead(200, json).end(JSON.stringify({ city, temperatureC: 21.5, conditions: 'Sunny' }));
      }, UPSTREAM_DELAY_MS);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    // Submissions run on the job worker, which the other browser tests leave off.
    stack = await startStack({ CONFLUX_WORKER_ENABLED: 'true' });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    // The browser tests share one database: leave no system, dataflow or component behind for the next.
    if (stack) {
      const api = await adminApi(stack.api.url);
      const forms = await api<{ items: Array<{ id: string }> }>('GET', '/components/weather/forms').catch(() => ({ items: [] }));
      for (const form of forms.items) await api('DELETE', `/forms/${form.id}`).catch(() => undefined);
      await api('DELETE', '/dataflows/weather-lookup').catch(() => undefined);
      await api('DELETE', '/components/weather').catch(() => undefined);
      const systems = await api<{ items: Array<{ id: string; key: string }> }>('GET', '/systems?limit=200').catch(() => ({ items: [] }));
      for (const system of systems.items.filter((candidate) => candidate.key === SYSTEM_KEY)) await api('DELETE', `/systems/${system.id}`).catch(() => undefined);
    }
    await browser?.close();
    await stack?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** The locator's text once it matches `pattern`. */
  async function eventualText(locator: Locator, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await locator.innerText().catch(() => '');
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`Expected ${pattern}, still saw: ${JSON.stringify(text)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('lets an admin build the weather component and form, and a user submit it and see the result', async () => {
    const api = await adminApi(stack.api.url);
    const system = await api<{ id: string }>('POST', '/systems', { key: SYSTEM_KEY, name: 'Weather service (forms)' });
    const connector = await api<{ id: string }>('POST', `/systems/${system.id}/connectors`, {
      key: 'production',
      name: 'Production',
      baseUrl: upstreamUrl,
      auth: { type: 'none' },
    });
    const endpoint = await api<{ id: string }>('POST', `/connectors/${connector.id}/endpoints`, {
      key: 'get-weather',
      path: '/weather/{city}',
      methods: ['GET'],
      summary: 'Weather in a city',
      parameters: [{ name: 'city', in: 'path', type: 'string', required: true }],
    });
    await api('POST', '/users', { ...USER, role: 'user' });

    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      // ---- The admin: the component, its entity model and its display function.
      await page.goto('/components');
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page, FIRST_ADMIN.email, FIRST_ADMIN.password);
      await page.waitForURL((url) => url.pathname === '/components');
      await page.getByText('No components yet.').waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Components' }).getAttribute('aria-current')).toBe('page');

      await page.getByRole('button', { name: 'New component' }).first().click();
      const createForm = page.getByRole('form', { name: 'New component' });
      await createForm.getByLabel('Name', { exact: true }).fill('Weather');
      expect(await createForm.getByLabel('Key', { exact: true }).inputValue()).toBe('weather');
      await createForm.getByRole('button', { name: 'Create component' }).click();
      await page.waitForURL((url) => url.pathname === '/components/weather');
      await page.getByRole('heading', { name: 'Weather', level: 1 }).waitFor();

      const properties: Array<[string, string, boolean]> = [
        ['city', 'string', true],
        ['temperature', 'number', false],
        ['conditions', 'string', false],
      ];
      for (const [index, [name, type, required]] of properties.entries()) {
        await page.getByRole('button', { name: 'Add property' }).click();
        await page.getByLabel(`Property ${index + 1} name`).fill(name);
        await page.getByLabel(`Property ${index + 1} type`).selectOption(type);
        if (required) await page.getByLabel(`Property ${index + 1} required`).check();
      }
      await page.getByLabel('Property 1 is the title').check();
      // A default that does not fit the type is caught beside its cell.
      await page.getByLabel('Property 2 default').fill('warm');
      await page.getByRole('button', { name: 'Save entity model' }).click();
      await page.getByRole('table', { name: 'Properties' }).getByText('Enter a number').waitFor();
      await page.getByLabel('Property 2 default').fill('');
      await page.getByRole('button', { name: 'Save entity model' }).click();
      await page.getByRole('region', { name: 'Entity model' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      await page.getByLabel('Function', { exact: true }).fill(DISPLAY_FUNCTION);
      await page.getByLabel('Sample output (JSON)').fill('{"city": "Bergen", "temperature": 12, "conditions": "Rain"}');
      const preview = page.getByRole('region', { name: 'Display preview' });
      await preview.getByRole('heading', { name: 'Weather in Bergen' }).waitFor({ timeout: 15_000 });
      expect((await preview.innerText()).replace(/\s+/g, ' ')).toContain('Temperature 12 Conditions Rain');
      await page.getByRole('button', { name: 'Save display function' }).click();
      await page.getByRole('region', { name: 'Display function' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await page.screenshot({ path: COMPONENT_SCREENSHOT, fullPage: true });

      // ---- The dataflow over the API: Input → Execute API call → Update entry → Write response, published.
      const component = await api<{ id: string; entityModel: { properties: Array<{ name: string }> } }>('GET', '/components/weather');
      expect(component.entityModel.properties.map((property) => property.name)).toEqual(['city', 'temperature', 'conditions']);
      const expression = (source: string) => ({ kind: 'expression', source });
      await api('POST', '/dataflows', {
        key: 'weather-lookup',
        name: 'Weather lookup',
        componentId: component.id,
        steps: [
          { id: 'input', name: 'Input', type: 'input', config: { mode: 'form' } },
          {
            id: 'get-weather',
            name: 'Get weather',
            sourceStepId: 'input',
            type: 'execute_api_call',
            config: {
              resultStoreField: 'weather',
              systemId: system.id,
              connectorId: connector.id,
              endpointId: endpoint.id,
              method: 'GET',
              parameters: [{ in: 'path', name: 'city', value: expression('city') }],
            },
          },
          {
            id: 'save-weather',
            name: 'Save weather',
            sourceStepId: 'get-weather',
            type: 'update_entry',
            config: {
              componentId: component.id,
              operation: 'create',
              fields: [
                { property: 'city', value: expression('city') },
                { property: 'temperature', value: expression('weather.temperatureC') },
                { property: 'conditions', value: expression('weather.conditions') },
              ],
              resultStoreField: 'recordId',
            },
          },
          {
            id: 'respond',
            name: 'Respond',
            sourceStepId: 'save-weather',
            type: 'write_response',
            config: {
              mode: 'mapping',
              fields: [
                { path: 'city', value: expression('city') },
                { path: 'temperature', value: expression('weather.temperatureC') },
                { path: 'conditions', value: expression('weather.conditions') },
              ],
            },
          },
        ],
      });
      await api('POST', '/dataflows/weather-lookup/publish');

      // ---- The form, in the editor, with its live preview.
      await page.reload();
      const dataflows = page.getByRole('table', { name: 'Dataflows' });
      await dataflows.getByRole('link', { name: 'Weather lookup' }).waitFor();
      await page.getByRole('link', { name: 'New form' }).click();
      await page.waitForURL((url) => url.pathname === '/components/weather/forms/new');
      const editor = page.getByRole('form', { name: 'Form editor' });
      await editor.getByLabel('Name', { exact: true }).fill('Weather in a city');
      expect(await editor.getByLabel('Key', { exact: true }).inputValue()).toBe('weather-in-a-city');
      await editor.getByLabel('Description', { exact: true }).fill('Today’s weather for any city.');
      await editor.getByRole('button', { name: 'Add field' }).click();
      await editor.getByLabel('Field 1 label').fill('City');
      expect(await editor.getByLabel('Field 1 name').inputValue()).toBe('city');
      await editor.getByLabel('Field 1 binding').fill('city');
      await editor.getByLabel('Field 1 help text').fill('A city name, e.g. Oslo.');
      await editor.getByLabel('Field 1 required').check();
      await editor.getByLabel('Dataflow to run').selectOption({ label: 'Weather lookup (weather-lookup)' });
      expect(await editor.getByLabel('Everyone with the role User').isChecked()).toBe(true);
      await editor.getByText(USER.email).waitFor();

      // The preview shows the form as users will, with the same checks.
      const formPreview = page.getByRole('form', { name: 'Form preview' });
      await formPreview.getByRole('heading', { name: 'Weather in a city' }).waitFor();
      await formPreview.getByText('A city name, e.g. Oslo.').waitFor();
      await formPreview.getByRole('button', { name: 'Check' }).click();
      await formPreview.getByText('City is required').waitFor();
      await page.screenshot({ path: EDITOR_SCREENSHOT, fullPage: true });

      await editor.getByRole('button', { name: 'Create form' }).click();
      await page.waitForURL((url) => /^\/forms\/[0-9a-f-]{36}$/.test(url.pathname));
      await page.getByRole('heading', { name: 'Weather in a city', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Weather', exact: true }).first().click();
      await page.getByRole('table', { name: 'Forms' }).getByRole('link', { name: 'Weather in a city' }).waitFor();

      // ---- The user: My forms, a validation message, a submission watched live, the result.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page, USER.email, USER.password);
      await page.waitForURL((url) => url.pathname === '/my/forms');
      await page.getByRole('heading', { name: 'My forms', level: 1 }).waitFor();
      expect(await nav.getByRole('listitem').allInnerTexts()).toEqual(['My forms', 'My submissions']);
      await page.getByRole('list', { name: 'Your forms' }).getByRole('link', { name: 'Open Weather in a city' }).click();
      await page.waitForURL((url) => /^\/my\/forms\/[0-9a-f-]{36}$/.test(url.pathname));
      const userForm = page.getByRole('form', { name: 'Weather in a city' });
      await userForm.getByRole('button', { name: 'Submit' }).click();
      await userForm.locator('.field.invalid').filter({ hasText: 'City' }).getByText('City is required').waitFor();
      expect(upstreamRequests).toEqual([]);

      await userForm.getByLabel('City').fill('Oslo');
      // A double click sends one submission: one run, one upstream call.
      await userForm.getByRole('button', { name: 'Submit' }).dblclick();
      const submission = page.getByRole('region', { name: 'Submission' });
      await submission.waitFor();
      await submission.getByRole('listitem', { name: 'Get weather: running' }).waitFor({ timeout: 15_000 });
      expect(await userForm.getByRole('button', { name: /Working|Sending/ }).isDisabled()).toBe(true);
      const result = submission.getByRole('region', { name: 'Result' });
      await result.getByRole('heading', { name: 'Weather in Oslo' }).waitFor({ timeout: 30_000 });
      const resultText = (await result.innerText()).replace(/\s+/g, ' ');
      expect(resultText).toContain('Temperature 21.5');
      expect(resultText).toContain('Conditions Sunny');
      expect(await result.locator('dl').count()).toBe(1);
      for (const step of ['Input', 'Get weather', 'Save weather', 'Respond']) {
        await submission.getByRole('listitem', { name: `${step}: succeeded` }).waitFor();
      }
      await page.screenshot({ path: RESULT_SCREENSHOT, fullPage: true });
      expect(upstreamRequests).toEqual(['GET /weather/Oslo']);

      // A city the weather service does not know: the failure in words, and Try again.
      await page.getByRole('button', { name: 'Start over' }).click();
      await userForm.getByLabel('City').fill('Atlantis');
      await userForm.getByRole('button', { name: 'Submit' }).click();
      const failure = page.getByRole('region', { name: 'Submission' }).getByRole('alert');
      await eventualText(failure, /The step “Get weather” failed\./, 30_000);
      await failure.getByRole('button', { name: 'Try again' }).waitFor();
      await page.screenshot({ path: FAILURE_RESULT_SCREENSHOT, fullPage: true });
      await failure.getByRole('button', { name: 'Try again' }).click();
      // A new submission (a new idempotency key): the failure goes, the new run starts, and fails the same way.
      await failure.waitFor({ state: 'detached' });
      await eventualText(failure, /The step “Get weather” failed\./, 30_000);
      expect(upstreamRequests.filter((request) => request === 'GET /weather/Atlantis')).toHaveLength(2);

      // My submissions lists all three, newest first, with a link to the result.
      await nav.getByRole('link', { name: 'My submissions' }).click();
      const rows = page.getByRole('table', { name: 'Submissions' }).getByRole('row');
      await eventualText(rows.nth(3), /Weather in a city[\s\S]*Done/);
      expect(await rows.count()).toBe(4);
      await rows.nth(3).getByRole('link', { name: 'See the result' }).click();
      await page.getByRole('region', { name: 'Result' }).getByRole('heading', { name: 'Weather in Oslo' }).waitFor();

      // An admin page stays closed to the user.
      await page.goto('/components/weather');
      await page.getByRole('heading', { name: 'Not available' }).waitFor();

      // ---- The admin again: the stored record in the records table.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await signIn(page, FIRST_ADMIN.email, FIRST_ADMIN.password);
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto('/components/weather/records');
      const records = page.getByRole('table', { name: 'Records' });
      const oslo = records.getByRole('row').filter({ hasText: 'Oslo' });
      await oslo.waitFor();
      expect(await oslo.innerText()).toMatch(/^Oslo\t21\.5\tSunny\t/);

      // A record by hand: checked against the entity model before it is sent.
      await page.getByRole('button', { name: 'New record' }).click();
      const recordForm = page.getByRole('form', { name: 'New record' });
      await recordForm.getByRole('button', { name: 'Create record' }).click();
      await recordForm.locator('.field.invalid').filter({ hasText: 'City' }).getByText('Required').waitFor();
      await recordForm.getByLabel('City').fill('Bergen');
      await recordForm.getByLabel(/temperature/).fill('12');
      await recordForm.getByLabel(/conditions/).fill('Rain');
      await recordForm.getByRole('button', { name: 'Create record' }).click();
      await page.getByRole('status').filter({ hasText: 'Created the record Bergen.' }).waitFor();
      await records.getByRole('row').filter({ hasText: 'Bergen' }).waitFor();

      // Sorting by a column, filtering by a property.
      await records.getByRole('button', { name: /^temperature/ }).click();
      await eventualText(records.locator('tbody tr').first(), /^Bergen/);
      await records.getByRole('button', { name: /^temperature/ }).click();
      await eventualText(records.locator('tbody tr').first(), /^Oslo/);
      await page.getByLabel('Filter City').fill('Bergen');
      await eventualText(records.locator('tbody'), /^Bergen[^\n]*$/);
      await page.screenshot({ path: RECORDS_SCREENSHOT, fullPage: true });
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await eventualText(records.locator('tbody'), /Oslo[\s\S]*Bergen|Bergen[\s\S]*Oslo/);

      // Deleting asks first.
      await records.getByRole('button', { name: 'Delete Bergen' }).click();
      await page.getByRole('dialog', { name: 'Delete the record “Bergen”?' }).getByRole('button', { name: 'Delete record' }).click();
      await page.getByRole('status').filter({ hasText: 'Deleted the record Bergen.' }).waitFor();
      await records.getByRole('row').filter({ hasText: 'Bergen' }).waitFor({ state: 'detached' });

      // The component is used by its dataflow and form: deleting it is refused, with the list.
      await page.goto('/components/weather');
      await page.getByRole('button', { name: 'Delete component' }).click();
      await page.getByRole('dialog', { name: 'Delete the component “Weather”?' }).getByRole('button', { name: 'Delete component' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'The component was not deleted.' });
      await refusal.getByRole('list', { name: 'Used by' }).waitFor();
      expect(await refusal.innerText()).toMatch(/weather-lookup/);
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
  }, 240_000);
});
