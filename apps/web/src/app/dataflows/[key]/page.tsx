export { DataflowEditorPage as default } from '@/features/dataflows/dataflow-editor-page';
