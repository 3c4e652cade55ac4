export { DataflowsPage as default } from '@/features/dataflows/dataflows-page';
