export interface NavItem {
  href: string;
  label: string;
  /** What the area is for, shown as the link's title. */
  description: string;
  /** Areas whose screens have not landed yet are listed but not linked. */
  available: boolean;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

export const navigation: NavSection[] = [
  {
    title: 'Overview',
    items: [{ href: '/', label: 'Status', description: 'Health of this installation', available: true }],
  },
  {
    title: 'Integrations',
    items: [
      { href: '/systems', label: 'Systems', description: 'External systems, their connectors and endpoints', available: false },
    ],
  },
  {
    title: 'Build',
    items: [
      { href: '/components', label: 'Components', description: 'Entity models, records and display functions', available: false },
      { href: '/dataflows', label: 'Dataflows', description: 'Steps that call systems and shape the model', available: false },
      { href: '/forms', label: 'Forms', description: 'What end users fill in to start dataflows', available: false },
    ],
  },
  {
    title: 'Operate',
    items: [
      { href: '/runs', label: 'Runs', description: 'Every dataflow execution, step by step', available: false },
      { href: '/bundles', label: 'Bundles', description: 'Export and import configuration', available: false },
    ],
  },
  {
    title: 'Administration',
    items: [{ href: '/users', label: 'Users', description: 'Accounts, roles and API tokens', available: false }],
  },
];
