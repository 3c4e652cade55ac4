export { MyFormsPage as default } from '@/features/my-forms/my-forms-page';
