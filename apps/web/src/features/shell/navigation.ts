import type { Role } from '@conflux/contracts';

export interface NavItem {
  href: string;
  label: string;
  /** What the area is for, shown as the link's title. */
  description: string;
  /** Areas whose screens have not landed yet are listed but not linked. */
  available: boolean;
  /** Who sees the item and may open its pages (the API enforces the same rule). */
  roles: readonly Role[];
}

export interface NavSection {
  title: string;
  items: NavItem[];
  /** A line under the section's items, for the roles in `noteFor`. */
  note?: string;
  noteFor?: readonly Role[];
}

const everyone: readonly Role[] = ['admin', 'user'];
const admins: readonly Role[] = ['admin'];

export const navigation: NavSection[] = [
  {
    title: 'Overview',
    items: [{ href: '/', label: 'Status', description: 'Health of this installation', available: true, roles: admins }],
  },
  {
    title: 'Your forms',
    items: [
      { href: '/my/forms', label: 'My forms', description: 'The forms shared with you', available: true, roles: everyone },
      { href: '/my/submissions', label: 'My submissions', description: 'What you sent, with its status and result', available: true, roles: everyone },
    ],
  },
  {
    title: 'Integrations',
    items: [
      {
        href: '/systems',
        label: 'Systems',
        description: 'External systems, their connectors and endpoints',
        available: true,
        roles: admins,
      },
    ],
  },
  {
    title: 'Build',
    items: [
      { href: '/components', label: 'Components', description: 'Entity models, records, forms and display functions', available: true, roles: admins },
      { href: '/dataflows', label: 'Dataflows', description: 'Steps that call systems and shape the model', available: true, roles: admins },
    ],
  },
  {
    title: 'Operate',
    items: [
      { href: '/runs', label: 'Runs', description: 'Every dataflow execution, step by step', available: true, roles: admins },
      { href: '/bundles', label: 'Bundles', description: 'Export and import configuration', available: true, roles: admins },
    ],
  },
  {
    title: 'Administration',
    items: [
      { href: '/users', label: 'Users', description: 'Accounts and their roles', available: true, roles: admins },
      { href: '/api-tokens', label: 'API tokens', description: 'Tokens for scripts that call the API', available: true, roles: admins },
    ],
  },
];

/** The navigation as `role` sees it: only its items, and sections that keep something to show. */
export function navigationFor(role: Role): NavSection[] {
  return navigation
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => item.roles.includes(role)),
      note: section.noteFor?.includes(role) ? section.note : undefined,
    }))
    .filter((section) => section.items.length > 0 || section.note);
}

/** Where `role` starts: end users at their forms, admins at the installation's status. */
export function homeFor(role: Role): string {
  return role === 'user' ? '/my/forms' : '/';
}

/** Whether `role` may open `pathname`: the roles of the navigation item it belongs to; anyone for other pages. */
/** Admin pages reached from other pages rather than from the sidebar (a form lives under its component). */
const unlistedAdminAreas: NavItem[] = [
  { href: '/forms', label: 'Form', description: 'A form of a component', available: true, roles: ['admin'] },
];

export function canOpen(pathname: string, role: Role): boolean {
  const item = [...navigation.flatMap((section) => section.items), ...unlistedAdminAreas]
    .filter((candidate) => candidate.href !== '/' && (pathname === candidate.href || pathname.startsWith(`${candidate.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return !item || item.roles.includes(role);
}

export const roleLabels: Record<Role, string> = { admin: 'Admin', user: 'User' };
