import type { ImportPlan, PlanAction } from '@conflux/contracts';

const actionLabels: Record<PlanAction, string> = { create: 'Create', update: 'Update', unchanged: 'Unchanged', conflict: 'Conflict' };
const actionClasses: Record<PlanAction, string> = { create: 'pill ok', update: 'pill warn', unchanged: 'pill off', conflict: 'pill error' };

/** "2 to create, 1 to update, 5 unchanged, no conflicts" */
export function planCounts(counts: ImportPlan['counts']): string {
  return [
    `${counts.create} to create`,
    `${counts.update} to update`,
    `${counts.unchanged} unchanged`,
    counts.conflict === 0 ? 'no conflicts' : `${counts.conflict} ${counts.conflict === 1 ? 'conflict' : 'conflicts'}`,
  ].join(', ');
}

/** Each object of a plan: what the import does with it, and what changes. */
export function PlanTable({ items, label }: { items: ImportPlan['items']; label: string }) {
  return (
    <table className="table compact bundle-plan" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Key</th>
          <th scope="col">Name</th>
          <th scope="col">Action</th>
          <th scope="col">Changes</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={`${item.type}:${item.key}`} className={item.action === 'conflict' ? 'row-error' : undefined}>
            <td>{item.type}</td>
            <td>
              <code>{item.key}</code>
            </td>
            <td>{item.name}</td>
            <td>
              <span className={actionClasses[item.action]}>{actionLabels[item.action]}</span>
            </td>
            <td>
              {item.message && <span className="field-error">{item.message}</span>}
              {item.changes.length > 0 ? item.changes.join(', ') : !item.message && <span className="muted">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
