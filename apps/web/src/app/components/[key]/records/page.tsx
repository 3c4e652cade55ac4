export { RecordsPage as default } from '@/features/records/records-page';
