'use client';
import type { UserWithPassword } from '@conflux/contracts';
import { useState } from 'react';
import { OneTimeSecret } from '@/components/one-time-secret';
import { useSession } from '@/features/session/use-session';
import { CursorPager } from '@/components/cursor-pager';
import { useSearchPaging } from '@/lib/use-search-paging';
import { CreateUserForm } from './create-user-form';
import { useUsers } from './use-users';
import { UserRow, type RevealedPassword } from './user-row';

const PAGE_SIZE = 20;

export function UsersPage() {
  const session = useSession();
  const paging = useSearchPaging();
  const { search, setSearch, debouncedSearch } = paging;
  const users = useUsers({ search: debouncedSearch || undefined, cursor: paging.cursor, limit: PAGE_SIZE });
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedPassword | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function created(result: UserWithPassword) {
    setCreating(false);
    if (result.temporaryPassword) {
      setNotice(null);
      setRevealed({ email: result.user.email, password: result.temporaryPassword });
    } else {
      setRevealed(null);
      setNotice(`Created ${result.user.name} (${result.user.email}) with the password you chose.`);
    }
  }

  function passwordReset(result: RevealedPassword | null) {
    setRevealed(result);
    setNotice(result ? null : 'The password was reset.');
  }

  const items = users.data?.items ?? [];
  return (
    <section>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="lead">Everyone who can sign in to Conflux. Admins configure it; users fill in the forms granted to them.</p>
        </div>
        {!creating && (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setCreating(true);
              setNotice(null);
            }}
          >
            New user
          </button>
        )}
      </div>

      {creating && <CreateUserForm onCreated={created} onCancel={() => setCreating(false)} />}

      {revealed && (
        <OneTimeSecret title={`One-time password for ${revealed.email}`} value={revealed.password} onDismiss={() => setRevealed(null)}>
          Give it to them over a channel you trust; they can change it under Account after signing in.
        </OneTimeSecret>
      )}
      {notice && (
        <p className="callout ok" role="status">
          {notice}
        </p>
      )}

      <div className="toolbar">
        <label className="search">
          <span>Search users</span>
          <input type="search" placeholder="Name or email" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        {users.isFetching && !users.isPending && (
          <span className="muted" role="status">
            Updating…
          </span>
        )}
      </div>

      {users.isPending && (
        <p className="muted" role="status">
          Loading users…
        </p>
      )}
      {users.isError && (
        <div className="callout error" role="alert">
          Could not load the users: {users.error.message}{' '}
          <button type="button" className="button small" onClick={() => users.refetch()}>
            Try again
          </button>
        </div>
      )}
      {users.data && items.length === 0 && (
        <p className="empty">
          {debouncedSearch
            ? `No user matches “${debouncedSearch}”. Check the spelling, or add them with “New user”.`
            : 'No users on this page. Add someone with “New user”.'}
        </p>
      )}
      {items.length > 0 && (
        <table className="table" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((user) => (
              <UserRow key={user.id} user={user} isSelf={user.id === session.data?.user.id} onPasswordReset={passwordReset} />
            ))}
          </tbody>
        </table>
      )}
      <CursorPager paging={paging} what="users" query={users} />
    </section>
  );
}
