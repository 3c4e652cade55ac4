export { MySubmissionsPage as default } from '@/features/my-forms/my-submissions-page';
