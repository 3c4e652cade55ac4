'use client';
import { ChangePasswordRequest } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { TextField } from '@/components/text-field';
import { roleLabels } from '@/features/shell/navigation';
import { useChangePassword } from '@/features/session/use-change-password';
import { useSession } from '@/features/session/use-session';
import { fieldErrors, formError } from '@/lib/api-client';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'];
const empty = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function AccountPage() {
  const session = useSession();
  const changePassword = useChangePassword();
  const [values, setValues] = useState(empty);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const user = session.data?.user;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { confirmPassword, ...request } = values;
    const parsed = ChangePasswordRequest.safeParse(request);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (!errors.newPassword && confirmPassword !== values.newPassword) errors.confirmPassword = 'The two new passwords differ';
    setInvalid(errors);
    if (!parsed.success || Object.keys(errors).length > 0) return;
    changePassword.mutate(parsed.data, { onSuccess: () => setValues(empty) });
  }

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setInvalid(({ [field]: _dropped, ...rest }) => rest);
    if (changePassword.isSuccess) changePassword.reset();
  }

  const errors = { ...fieldErrors(changePassword.error), ...invalid };
  const message = formError(changePassword.error, FIELDS);
  return (
    <section>
      <h1>Account</h1>
      {user && (
        <dl className="facts" aria-label="Your account">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{roleLabels[user.role]}</dd>
        </dl>
      )}
      <form className="form panel narrow" onSubmit={submit} noValidate aria-labelledby="change-password-title">
        <h2 id="change-password-title">Change your password</h2>
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={(e) => change('currentPassword', e.target.value)}
          error={errors.currentPassword}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={values.newPassword}
          onChange={(e) => change('newPassword', e.target.value)}
          error={errors.newPassword}
          hint="At least 12 characters; a few unrelated words make a good one."
        />
        <TextField
          label="Repeat the new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          value={values.confirmPassword}
          onChange={(e) => change('confirmPassword', e.target.value)}
          error={errors.confirmPassword}
        />
        {message && (
          <div className="callout error" role="alert">
            {message}
          </div>
        )}
        {changePassword.isSuccess && (
          <p className="callout ok" role="status">
            Your password was changed.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={changePassword.isPending}>
            {changePassword.isPending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
