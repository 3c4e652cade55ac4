export { ComponentPage as default } from '@/features/components/component-page';
