export { MyFormPage as default } from '@/features/my-forms/my-form-page';
