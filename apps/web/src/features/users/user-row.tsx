'use client';
import { Role, type UserSummary } from '@conflux/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { roleLabels } from '@/features/shell/navigation';
import { formError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useResetUserPassword } from './use-reset-user-password';
import { useUpdateUser } from './use-update-user';

export interface RevealedPassword {
  email: string;
  password: string;
}

/** One user with its actions. Admins cannot demote or deactivate themselves (the API refuses too). */
export function UserRow({
  user,
  isSelf,
  onPasswordReset,
}: {
  user: UserSummary;
  isSelf: boolean;
  onPasswordReset: (revealed: RevealedPassword | null) => void;
}) {
  const updateUser = useUpdateUser();
  const resetPassword = useResetUserPassword();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const shownRole = updateUser.isPending ? (updateUser.variables.changes.role ?? user.role) : user.role;
  const error = formError(updateUser.error) ?? formError(resetPassword.error);

  return (
    <>
      <tr className={user.active ? undefined : 'inactive'}>
        <td>
          {user.name}
          {isSelf && <span className="muted"> (you)</span>}
        </td>
        <td>{user.email}</td>
        <td>
          <select
            aria-label={`Role of ${user.name}`}
            value={shownRole}
            disabled={isSelf || updateUser.isPending}
            title={isSelf ? 'You cannot change your own role' : undefined}
            onChange={(event) => updateUser.mutate({ id: user.id, changes: { role: Role.parse(event.target.value) } })}
          >
            {Role.options.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <span className={user.active ? 'pill ok' : 'pill off'}>{user.active ? 'Active' : 'Deactivated'}</span>
        </td>
        <td>{formatDateTime(user.lastLoginAt, 'Never')}</td>
        <td className="row-actions">
          <button
            type="button"
            className="button small"
            aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}`}
            disabled={isSelf || updateUser.isPending}
            title={isSelf ? 'You cannot deactivate yourself' : undefined}
            onClick={() => updateUser.mutate({ id: user.id, changes: { active: !user.active } })}
          >
            {user.active ? 'Deactivate' : 'Reactivate'}
          </button>
          <button
            type="button"
            className="button small"
            aria-label={`Reset password of ${user.name}`}
            disabled={resetPassword.isPending}
            onClick={() => {
              resetPassword.reset();
              setConfirmingReset(true);
            }}
          >
            Reset password
          </button>
        </td>
      </tr>
      {error && (
        <tr className="row-error">
          <td colSpan={6} role="alert">
            {user.name}: {error}
          </td>
        </tr>
      )}
      <ConfirmDialog
        open={confirmingReset}
        title={`Reset the password of ${user.name}?`}
        confirmLabel={resetPassword.isPending ? 'Resetting…' : 'Reset password'}
        pending={resetPassword.isPending}
        danger
        onCancel={() => setConfirmingReset(false)}
        onConfirm={() =>
          resetPassword.mutate(user.id, {
            onSuccess: (result) => {
              setConfirmingReset(false);
              onPasswordReset(result.temporaryPassword ? { email: result.user.email, password: result.temporaryPassword } : null);
            },
            onError: () => setConfirmingReset(false),
          })
        }
      >
        <p>
          Their current password stops working. Conflux generates a one-time password and shows it to you once, for you
          to pass on to {user.email}.
        </p>
      </ConfirmDialog>
    </>
  );
}
