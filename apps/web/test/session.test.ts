import { canOpen, homeFor, navigationFor } from '@/features/shell/navigation';
import { loginPathFor, safeNextPath } from '@/features/session/next-path';
import { ApiError, fieldErrors, formError } from '@/lib/api-client';

describe('safeNextPath', () => {
  it.each([
    ['/users', '/users'],
    ['/users?search=a#top', '/users?search=a#top'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/users', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?next=/users', '/'],
  ])('%j goes to %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it('round-trips through the sign-in address', () => {
    const login = new URL(loginPathFor('/users?search=ann'), 'http://x');
    expect(login.pathname).toBe('/login');
    expect(safeNextPath(login.searchParams.get('next'))).toBe('/users?search=ann');
    expect(loginPathFor('/')).toBe('/login');
  });
});

describe('navigation by role', () => {
  const labels = (role: 'admin' | 'user') => navigationFor(role).flatMap((section) => section.items.map((item) => item.label));

  it('shows users only their forms and submissions, and starts them at their forms', () => {
    expect(labels('user')).toEqual(['My forms', 'My submissions']);
    expect(navigationFor('user').some((section) => section.note)).toBe(false);
    expect(homeFor('user')).toBe('/my/forms');
    expect(homeFor('admin')).toBe('/');
    expect(canOpen('/my/forms/123', 'user')).toBe(true);
    expect(canOpen('/components/weather', 'user')).toBe(false);
    expect(canOpen('/forms/123', 'user')).toBe(false);
  });

  it('shows admins every area, Users and API tokens among them, and no note', () => {
    expect(labels('admin')).toEqual(expect.arrayContaining(['Status', 'My forms', 'Systems', 'Components', 'Dataflows', 'Users', 'API tokens']));
    expect(navigationFor('admin').some((section) => section.note)).toBe(false);
  });

  it('opens admin pages and their sub-pages to admins only; other pages to everyone', () => {
    expect(canOpen('/users', 'user')).toBe(false);
    expect(canOpen('/api-tokens', 'user')).toBe(false);
    expect(canOpen('/systems/123', 'user')).toBe(false);
    expect(canOpen('/users', 'admin')).toBe(true);
    expect(canOpen('/', 'user')).toBe(true);
    expect(canOpen('/account', 'user')).toBe(true);
    expect(canOpen('/usersettings', 'user')).toBe(true);
  });
});

describe('form errors', () => {
  it('puts API issues beside their fields (with or without a leading "body") and the rest above the form', () => {
    const error = new ApiError(400, 'Validation failed', [
      { path: ['email'], message: 'Enter a valid email address' },
      { path: ['body', 'password'], message: 'Use at least 12 characters' },
      { path: [], message: 'Change at least one of name, role, active' },
    ]);
    expect(fieldErrors(error)).toMatchObject({ email: 'Enter a valid email address', password: 'Use at least 12 characters' });
    expect(formError(error, ['email', 'password'])).toBe('Change at least one of name, role, active');
    expect(formError(new ApiError(409, 'That email is taken.'), ['email'])).toBe('That email is taken.');
    expect(formError(null)).toBeNull();
  });
});
