import type { HttpMethod } from '@conflux/contracts';

export function MethodBadge({ method }: { method: HttpMethod | string }) {
  return <span className={`method-badge ${method.toLowerCase()}`}>{method}</span>;
}
