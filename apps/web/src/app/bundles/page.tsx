export { BundlesPage as default } from '@/features/bundles/bundles-page';
