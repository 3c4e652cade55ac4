export { SystemPage as default } from '@/features/systems/system-page';
