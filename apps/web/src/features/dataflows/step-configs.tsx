'use client';
import { CheckboxField, Field, TextAreaField, TextField } from '@/components/text-field';
import type { ConfigDrafts, FieldRow, PropertyRow } from './dataflow-draft';
import { problemAt, type StepProblems } from './dataflow-issues';
import { ExpressionField, MappingField } from './mapping-value-input';
import { RowsEditor } from './rows-editor';

interface ConfigProps<T> {
  config: T;
  problems: StepProblems;
  onChange: (config: T) => void;
}

export function InputConfig({ config, problems, onChange }: ConfigProps<ConfigDrafts['input']>) {
  return (
    <div className="step-config">
      <Field label="Input model" error={problemAt(problems, 'config.mode')} hint="Runs started over the API and test runs pass their JSON input; forms pass what was submitted.">
        {(control) => (
          <select {...control} value={config.mode} onChange={(event) => onChange({ mode: event.target.value as ConfigDrafts['input']['mode'] })}>
            <option value="raw">The JSON the caller sends (raw)</option>
            <option value="form">The submitted form model</option>
            <option value="empty">An empty model (schedules)</option>
          </select>
        )}
      </Field>
    </div>
  );
}

export function ScriptConfig({ config, problems, onChange }: ConfigProps<ConfigDrafts['execute_script']>) {
  return (
    <div className="step-config">
      <TextAreaField
        label="Code"
        className="code-input code-editor"
        rows={10}
        spellCheck={false}
        value={config.code}
        onChange={(event) => onChange({ ...config, code: event.target.value })}
        error={problemAt(problems, 'config.code')}
        hint="JavaScript run in a sandbox. item is the model: read its fields and set new ones (item.total = item.price * item.quantity). No network or file access."
      />
      <div className="form-grid">
        <TextField
          label="Timeout (ms)"
          inputMode="numeric"
          value={config.timeoutMs}
          onChange={(event) => onChange({ ...config, timeoutMs: event.target.value })}
          error={problemAt(problems, 'config.timeoutMs')}
          hint="CPU time the script may use, 10 to 30000 ms."
        />
      </div>
    </div>
  );
}

const fieldKey = {
  keyOf: (row: FieldRow) => row.path,
  withKey: (row: FieldRow, path: string) => ({ ...row, path }),
};
const propertyKey = {
  keyOf: (row: PropertyRow) => row.property,
  withKey: (row: PropertyRow, property: string) => ({ ...row, property }),
};

export function TransformConfig({ config, problems, onChange }: ConfigProps<ConfigDrafts['transform_model']>) {
  return (
    <div className="step-config">
      <RowsEditor
        caption="Fields mapping"
        keyLabel="Field"
        keyPart="path"
        keyPlaceholder="weather.summary"
        listPath="config.fields"
        rows={config.fields}
        problems={problems}
        {...fieldKey}
        onChange={(fields) => onChange({ ...config, fields })}
        addLabel="Add field"
      />
      <CheckboxField
        label="Keep the model"
        checked={config.keepModel}
        onChange={(event) => onChange({ ...config, keepModel: event.target.checked })}
        hint="Start from the incoming model and set these fields in it; unchecked, the model has only these fields."
      />
    </div>
  );
}

export function FilterConfig({ config, problems, onChange }: ConfigProps<ConfigDrafts['filter']>) {
  return (
    <div className="step-config">
      <ExpressionField
        label="Condition"
        value={config.condition}
        onChange={(condition) => onChange({ condition })}
        error={problemAt(problems, 'config.condition')}
        placeholder="weather.temperatureC > 20"
        hint="JSONata over the model. When it is false, the steps that take their model from this one are skipped."
      />
    </div>
  );
}

export function UpdateEntryConfig({ config, problems, onChange }: ConfigProps<ConfigDrafts['update_entry']>) {
  return (
    <div className="step-config">
      <div className="form-grid">
        <TextField
          label="Component id"
          autoComplete="off"
          spellCheck={false}
          placeholder="00000000-0000-0000-0000-000000000000"
          value={config.componentId}
          onChange={(event) => onChange({ ...config, componentId: event.target.value })}
          error={problemAt(problems, 'config.componentId')}
          hint="Components arrive in a later release, with a chooser here; until then paste the component’s id."
        />
        <Field label="Operation" error={problemAt(problems, 'config.operation')}>
          {(control) => (
            <select {...control} value={config.operation} onChange={(event) => onChange({ ...config, operation: event.target.value as ConfigDrafts['update_entry']['operation'] })}>
              <option value="create">Create a record</option>
              <option value="update">Update a record</option>
              <option value="delete">Delete a record</option>
            </select>
          )}
        </Field>
        <TextField
          label="Result store field"
          autoComplete="off"
          spellCheck={false}
          value={config.resultStoreField}
          onChange={(event) => onChange({ ...config, resultStoreField: event.target.value })}
          error={problemAt(problems, 'config.resultStoreField')}
          hint="The field of the model that receives the record’s id."
        />
      </div>
      {config.operation !== 'create' && (
        <MappingField
          label="Record id"
          value={config.recordId}
          onChange={(recordId) => onChange({ ...config, recordId })}
          error={problemAt(problems, 'config.recordId')}
          hint={`Which record to ${config.operation}, e.g. the expression recordId.`}
        />
      )}
      {config.operation !== 'delete' && (
        <RowsEditor
          caption="Record fields"
          keyLabel="Property"
          keyPart="property"
          keyPlaceholder="temperature"
          listPath="config.fields"
          rows={config.fields}
          problems={problems}
          {...propertyKey}
          onChange={(fields) => onChange({ ...config, fields })}
          addLabel="Add property"
        />
      )}
    </div>
  );
}

export function WriteResponseConfig({ config, problems, onChange }: ConfigProps<ConfigDrafts['write_response']>) {
  return (
    <div className="step-config">
      <Field label="Response" error={problemAt(problems, 'config.mode')}>
        {(control) => (
          <select {...control} value={config.mode} onChange={(event) => onChange({ ...config, mode: event.target.value as ConfigDrafts['write_response']['mode'] })}>
            <option value="model">The model as it is</option>
            <option value="mapping">A mapping of the model</option>
          </select>
        )}
      </Field>
      {config.mode === 'mapping' && (
        <RowsEditor
          caption="Response fields"
          keyLabel="Field"
          keyPart="path"
          keyPlaceholder="temperature"
          listPath="config.fields"
          rows={config.fields}
          problems={problems}
          {...fieldKey}
          onChange={(fields) => onChange({ ...config, fields })}
          addLabel="Add field"
        />
      )}
    </div>
  );
}
