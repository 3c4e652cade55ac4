import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { FIRST_ADMIN, startStack, type RunningStack } from './stack';

/**
 * Accounts as people meet them, in Chromium against the real built API and web app: the
 * first admin signs in, creates a user and signs out; that user signs in and sees none of
 * the admin areas.
 */
const SCREENSHOT = '/tmp/conflux-users-page.png';
const TOKENS_SCREENSHOT = '/tmp/conflux-api-tokens-page.png';
const LOGIN_SCREENSHOT = '/tmp/conflux-login-page.png';
const NEW_USER = { name: 'Uma User', email: 'uma@example.test', password: 'uma-chose-this-password' };

describe('accounts in the browser', () => {
  let stack: RunningStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('lets the admin create a user who then sees no admin navigation', async () => {
    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const nav = page.getByRole('navigation', { name: 'Main' });
    try {
      // Signed out, a page sends the browser to the sign-in page and remembers where it was going.
      await page.goto('/users');
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/users');
      expect(await nav.count()).toBe(0);

      await signIn(page, FIRST_ADMIN.email, FIRST_ADMIN.password);
      await page.waitForURL((url) => url.pathname === '/users');
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      const adminItems = await nav.getByRole('listitem').allInnerTexts();
      expect(adminItems).toEqual(expect.arrayContaining(['Status', 'Users', 'API tokens']));
      expect(adminItems.join(' ')).toContain('Systems');
      const account = page.getByRole('region', { name: 'Your account' });
      expect(await account.innerText()).toContain('Admin');

      await page.getByRole('button', { name: 'New user' }).click();
      const form = page.getByRole('form', { name: 'Create user' });
      await form.getByLabel('Name', { exact: true }).fill(NEW_USER.name);
      await form.getByLabel('Email', { exact: true }).fill(NEW_USER.email);
      await form.getByLabel('Role', { exact: true }).selectOption('user');
      await form.getByLabel('Password (optional)', { exact: true }).fill(NEW_USER.password);
      await form.getByRole('button', { name: 'Create user' }).click();
      await page.getByText(`Created ${NEW_USER.name} (${NEW_USER.email})`).waitFor();
      const row = page.getByRole('row').filter({ hasText: NEW_USER.email });
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Active[\s\S]*Never/);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login' && url.search === '');

      // A wrong password gets the one generic answer; the right one signs in.
      await signIn(page, NEW_USER.email, 'not-the-password');
      await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' }).waitFor();
      await page.screenshot({ path: LOGIN_SCREENSHOT });
      await signIn(page, NEW_USER.email, NEW_USER.password);
      // A user starts at the forms shared with them.
      await page.waitForURL((url) => url.pathname === '/my/forms');
      await page.getByRole('heading', { name: 'My forms', level: 1 }).waitFor();
      await page.getByText('No forms have been shared with you yet').waitFor();

      expect(await nav.getByRole('listitem').allInnerTexts()).toEqual(['My forms', 'My submissions']);
      const navText = await nav.innerText();
      for (const area of ['Status', 'Users', 'API tokens', 'Systems', 'Components', 'Dataflows', 'Runs', 'Bundles']) {
        expect(navText).not.toContain(area);
      }
      expect(await account.innerText()).toMatch(new RegExp(`${NEW_USER.name}[\\s\\S]*User`));

      // Typing an admin address does not open the page either.
      await page.goto('/users');
      await page.getByRole('heading', { name: 'Not available' }).waitFor();
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: '/tmp/conflux-accounts-failure.png', fullPage: true }).catch(() => undefined);
      throw new Error(
        `${(error as Error).message}\n(page: ${page.url()}; screenshot /tmp/conflux-accounts-failure.png)\nAPI output:\n${stack.api.output()}`,
        { cause: error },
      );
    } finally {
      await context.close();
    }
  }, 120_000);

  it('lets the admin hand out one-time passwords and API tokens, each shown once', async () => {
    const context = await browser.newContext({ baseURL: stack.web.url, viewport: { width: 1280, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const nav = page.getByRole('navigation', { name: 'Main' });
    try {
      await page.goto('/login');
      await signIn(page, FIRST_ADMIN.email, FIRST_ADMIN.password);
      await page.waitForURL((url) => url.pathname === '/');
      await nav.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();

      // Checked with the contract's schema before anything is sent, messages beside the fields.
      await page.getByRole('button', { name: 'New user' }).click();
      const form = page.getByRole('form', { name: 'Create user' });
      await form.getByRole('button', { name: 'Create user' }).click();
      await form.getByText('Enter a name').waitFor();
      await form.getByText('Enter a valid email address').waitFor();

      // No password given: the server generates one and it is shown once, with a copy button.
      await form.getByLabel('Name', { exact: true }).fill('Otto Once');
      await form.getByLabel('Email', { exact: true }).fill('otto@example.test');
      await form.getByRole('button', { name: 'Create user' }).click();
      const secret = page.getByRole('region', { name: 'One-time password for otto@example.test' });
      await secret.waitFor();
      const password = (await secret.locator('code').innerText()).trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(await secret.innerText()).toContain("It won't be shown again.");
      await secret.getByRole('button', { name: 'Copy', exact: true }).click();
      await secret.getByRole('button', { name: 'Copied', exact: true }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
      await secret.getByRole('button', { name: 'I have copied it' }).click();
      await secret.waitFor({ state: 'detached' });

      // The same address again: the API's 409 shows beside the email field.
      await page.getByRole('button', { name: 'New user' }).click();
      await form.getByLabel('Name', { exact: true }).fill('Otto Again');
      await form.getByLabel('Email', { exact: true }).fill('otto@example.test');
      await form.getByRole('button', { name: 'Create user' }).click();
      await form.locator('.field.invalid').filter({ hasText: 'Email' }).waitFor();
      await form.getByRole('button', { name: 'Cancel' }).click();

      // Search narrows the table; resetting a password asks first, then shows the new one once.
      await page.getByLabel('Search users').fill('otto');
      await page.getByRole('row').filter({ hasText: FIRST_ADMIN.email }).waitFor({ state: 'detached' });
      expect(await page.getByRole('table', { name: 'Users' }).getByRole('row').count()).toBe(2);
      await page.getByRole('button', { name: 'Reset password of Otto Once' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reset the password of Otto Once?' });
      await dialog.getByRole('button', { name: 'Reset password' }).click();
      await secret.waitFor();
      expect((await secret.locator('code').innerText()).trim()).not.toBe(password);

      // An API token: shown once, usable, then revoked after a confirmation.
      await nav.getByRole('link', { name: 'API tokens' }).click();
      await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
      await page.getByLabel('Token name').fill('nightly export');
      await page.getByRole('button', { name: 'Create token' }).click();
      const tokenBox = page.getByRole('region', { name: 'Token “nightly export”' });
      await tokenBox.waitFor();
      const token = (await tokenBox.locator('code').innerText()).trim();
      expect(await tokenBox.innerText()).toContain("It won't be shown again.");
      const asToken = () => fetch(`${stack.api.url}/api/api-tokens`, { headers: { authorization: `Bearer ${token}` } });
      expect((await asToken()).status).toBe(200);
      const tokenRow = page.getByRole('row').filter({ hasText: 'nightly export' });
      expect(await tokenRow.innerText()).toContain('Active');
      await page.screenshot({ path: TOKENS_SCREENSHOT, fullPage: true });
      await tokenRow.getByRole('button', { name: 'Revoke nightly export' }).click();
      await page.getByRole('dialog', { name: 'Revoke the token “nightly export”?' }).getByRole('button', { name: 'Revoke token' }).click();
      await tokenRow.getByText('Revoked').waitFor();
      expect((await asToken()).status).toBe(401);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await page.screenshot({ path: '/tmp/conflux-accounts-failure.png', fullPage: true }).catch(() => undefined);
      throw new Error(
        `${(error as Error).message}\n(page: ${page.url()}; screenshot /tmp/conflux-accounts-failure.png)\nAPI output:\n${stack.api.output()}`,
        { cause: error },
      );
    } finally {
      await context.close();
    }
  }, 120_000);

  it('tells someone who keeps guessing how long to wait', async () => {
    const context = await browser.newContext({ baseURL: stack.web.url });
    const page = await context.newPage();
    try {
      await page.goto('/login');
      const alert = page.getByRole('alert');
      for (let attempt = 1; attempt <= 6; attempt++) {
        const answered = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
        await signIn(page, 'nobody@example.test', `guess-number-${attempt}`);
        const response = await answered;
        expect(response.status()).toBe(attempt <= 5 ? 401 : 429);
      }
      await alert.filter({ hasText: /Too many sign-in attempts\. Try again in 1[45] minutes\./ }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);
});
