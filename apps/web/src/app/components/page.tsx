export { ComponentsPage as default } from '@/features/components/components-page';
