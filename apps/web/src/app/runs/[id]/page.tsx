export { RunPage as default } from '@/features/runs/run-page';
