import { HealthResponse } from '@conflux/contracts';
import { apiFetch } from '@/lib/api-client';

// 503 carries the same body (database unreachable or migrations pending): show it, not an error.
export const fetchHealth = () => apiFetch('/health', HealthResponse, { acceptStatuses: [503] });
