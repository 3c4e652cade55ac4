export { SystemsPage as default } from '@/features/systems/systems-page';
