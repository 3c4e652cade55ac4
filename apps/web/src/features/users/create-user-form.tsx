'use client';
import { CreateUserRequest, Role, type UserWithPassword } from '@conflux/contracts';
import { useState, type FormEvent } from 'react';
import { Field, TextField } from '@/components/text-field';
import { ApiError, fieldErrors, formError } from '@/lib/api-client';
import { roleLabels } from '@/features/shell/navigation';
import { useCreateUser } from './use-create-user';

const FIELDS = ['name', 'email', 'role', 'password'];
const empty = { name: '', email: '', role: 'user' as Role, password: '' };

export function CreateUserForm({ onCreated, onCancel }: { onCreated: (result: UserWithPassword) => void; onCancel: () => void }) {
  const createUser = useCreateUser();
  const [values, setValues] = useState(empty);
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A blank password asks the server to generate a one-time one.
    const { password, ...rest } = values;
    const request = password ? { ...rest, password } : rest;
    const parsed = CreateUserRequest.safeParse(request);
    if (!parsed.success) {
      setInvalid(fieldErrors(parsed.error));
      return;
    }
    setInvalid({});
    createUser.mutate(parsed.data, {
      onSuccess: (result) => {
        setValues(empty);
        onCreated(result);
      },
    });
  }

  function change(field: keyof typeof values, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setInvalid(({ [field]: _dropped, ...rest }) => rest);
  }

  const duplicate = createUser.error instanceof ApiError && createUser.error.status === 409;
  const errors: Record<string, string> = { ...fieldErrors(createUser.error), ...invalid };
  if (duplicate && !errors.email) errors.email = createUser.error!.message;
  const message = duplicate ? null : formError(createUser.error, FIELDS);
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create user</h2>
      <div className="form-grid">
        <TextField label="Name" name="name" autoComplete="off" value={values.name} onChange={(e) => change('name', e.target.value)} error={errors.name} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          value={values.email}
          onChange={(e) => change('email', e.target.value)}
          error={errors.email}
        />
        <Field label="Role" error={errors.role} hint="Admins configure Conflux; users fill in the forms granted to them.">
          {(control) => (
            <select {...control} name="role" value={values.role} onChange={(e) => change('role', e.target.value)}>
              {Role.options.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Password (optional)"
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => change('password', e.target.value)}
          error={errors.password}
          hint="At least 12 characters. Leave blank to generate a one-time password."
        />
      </div>
      {message && (
        <div className="callout error" role="alert">
          {message}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={createUser.isPending}>
          {createUser.isPending ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
