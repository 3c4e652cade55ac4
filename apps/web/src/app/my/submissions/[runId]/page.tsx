export { MySubmissionPage as default } from '@/features/my-forms/my-submission-page';
