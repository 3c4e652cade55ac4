import type { StepType } from '@conflux/contracts';

/** What each step type is called and what it does, for the type chooser and the cards. */
export const stepTypeInfo: Record<StepType, { label: string; description: string }> = {
  input: { label: 'Input', description: 'The model the run starts with: the submitted form, the JSON the caller sent, or an empty model.' },
  execute_script: { label: 'Execute script', description: 'JavaScript in a sandbox that reads and changes item, the model.' },
  execute_api_call: { label: 'Execute API call', description: 'Calls a query path of a system through one of its connectors and stores the result in the model.' },
  transform_model: { label: 'Transform model', description: 'Sets fields of the model from expressions or fixed values.' },
  filter: { label: 'Filter', description: 'Lets the model through only when a condition holds; the steps after it are skipped otherwise.' },
  update_entry: { label: 'Update entry', description: 'Creates, updates or deletes a record of a component and stores its id in the model.' },
  write_response: { label: 'Write response', description: 'What the caller gets back: the model as it is, or a mapping of it.' },
};

export const stepTypeLabels: Record<string, string> = Object.fromEntries(Object.entries(stepTypeInfo).map(([type, info]) => [type, info.label]));
