'use client';
import { LoginRequest } from '@conflux/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { TextField } from '@/components/text-field';
import { ApiError, fieldErrors, formError } from '@/lib/api-client';
import { safeNextPath } from './next-path';
import { useSession } from './use-session';
import { useSignIn } from './use-sign-in';

const FIELDS = ['email', 'password'];

export function LoginPage() {
  const router = useRouter();
  const session = useSession();
  const signIn = useSignIn();
  const [values, setValues] = useState({ email: '', password: '' });
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const signedIn = Boolean(session.data);

  // Signed in (just now, or already when the page opened): on to the page that was wanted.
  useEffect(() => {
    if (signedIn) router.replace(safeNextPath(new URLSearchParams(window.location.search).get('next')));
  }, [signedIn, router]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = LoginRequest.safeParse(values);
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    signIn.mutate(parsed.data);
  }

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setInvalid(({ [field]: _dropped, ...rest }) => rest);
  }

  const errors = { ...fieldErrors(signIn.error), ...invalid };
  const message = signIn.error ? signInErrorMessage(signIn.error) : null;
  const busy = signIn.isPending || signedIn;
  return (
    <div className="auth-card">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          ◆
        </span>
        Conflux
      </div>
      <h1>Sign in</h1>
      <form className="form" onSubmit={submit} noValidate aria-label="Sign in">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          value={values.email}
          onChange={(event) => change('email', event.target.value)}
          error={errors.email}
          autoFocus
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={values.password}
          onChange={(event) => change('password', event.target.value)}
          error={errors.password}
        />
        {message && (
          <div className="callout error" role="alert">
            {message}
          </div>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {signIn.isPending ? 'Signing in…' : signedIn ? 'Signed in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}

function signInErrorMessage(error: Error): string | null {
  if (error instanceof ApiError && error.status === 401) return error.message || 'Email or password is incorrect.';
  if (error instanceof ApiError && error.status === 429) {
    if (error.retryAfterSeconds === null) return 'Too many sign-in attempts. Try again in a few minutes.';
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  return formError(error, FIELDS);
}
