export { NewFormPage as default } from '@/features/forms/new-form-page';
