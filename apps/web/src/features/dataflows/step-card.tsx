'use client';
import { Field, TextField } from '@/components/text-field';
import { ApiCallConfig } from './api-call-config';
import type { ConfigDrafts, StepDraft } from './dataflow-draft';
import { describePath, headerProblems, problemAt, type StepProblems } from './dataflow-issues';
import { FilterConfig, InputConfig, ScriptConfig, TransformConfig, UpdateEntryConfig, WriteResponseConfig } from './step-configs';
import { stepTypeInfo } from './step-types';

export interface StepCardActions {
  onName: (name: string) => void;
  onId: (id: string) => void;
  onSource: (sourceStepId: string) => void;
  onConfig: (config: ConfigDrafts[StepDraft['type']]) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

/** One step: its name, id and source step, the form of its type, and the problems the last save found. */
export function StepCard({
  step,
  index,
  earlier,
  problems,
  canMoveUp,
  canMoveDown,
  canRemove,
  actions,
}: {
  step: StepDraft;
  index: number;
  /** The steps before this one: the only possible sources. */
  earlier: readonly StepDraft[];
  problems: StepProblems;
  canMoveUp: boolean;
  canMoveDown: boolean;
  canRemove: boolean;
  actions: StepCardActions;
}) {
  const number = index + 1;
  const info = stepTypeInfo[step.type];
  const headingId = `step-${step.uid}-title`;
  const unplaced = headerProblems(step, problems);
  const sourceKnown = earlier.some((candidate) => candidate.id === step.sourceStepId);
  const sourceError =
    problemAt(problems, 'sourceStepId') ?? (index > 0 && step.sourceStepId && !sourceKnown ? `“${step.sourceStepId}” is not an earlier step: choose one above this step` : undefined);

  return (
    <section id={`step-${step.uid}`} className={problems.length > 0 ? 'step-card has-problems' : 'step-card'} aria-labelledby={headingId}>
      <header className="step-card-header">
        <span className="step-number" aria-hidden>
          {number}
        </span>
        <div className="step-card-title">
          <h3 id={headingId}>
            <span className="visually-hidden">Step {number}: </span>
            {step.name || info.label}
          </h3>
          <span className="step-type">{info.label}</span>
        </div>
        <div className="step-card-actions">
          <button type="button" className="button small" aria-label={`Move step ${number} up`} disabled={!canMoveUp} onClick={() => actions.onMove(-1)}>
            ↑
          </button>
          <button type="button" className="button small" aria-label={`Move step ${number} down`} disabled={!canMoveDown} onClick={() => actions.onMove(1)}>
            ↓
          </button>
          <button
            type="button"
            className="button small danger"
            aria-label={`Remove step ${number}`}
            disabled={!canRemove}
            title={canRemove ? undefined : 'Every dataflow starts with its Input step'}
            onClick={actions.onRemove}
          >
            Remove
          </button>
        </div>
      </header>
      {unplaced.length > 0 && (
        <ul className="callout error step-problems" role="alert">
          {unplaced.map((problem) => (
            <li key={`${problem.path}:${problem.message}`}>
              {problem.path ? `${describePath(problem.path)}: ` : ''}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      <div className="form-grid">
        <TextField label="Step name" autoComplete="off" value={step.name} onChange={(event) => actions.onName(event.target.value)} error={problemAt(problems, 'name')} />
        <TextField
          label="Step id"
          autoComplete="off"
          spellCheck={false}
          className="code-input"
          value={step.id}
          onChange={(event) => actions.onId(event.target.value)}
          error={problemAt(problems, 'id')}
          hint="Later steps name this one as their source by it."
        />
        {index > 0 && (
          <Field label="Source step" error={sourceError} hint="The earlier step whose model this step receives.">
            {(control) => (
              <select {...control} value={step.sourceStepId} onChange={(event) => actions.onSource(event.target.value)}>
                {!step.sourceStepId && <option value="">Choose the source step</option>}
                {earlier.map((candidate, position) => (
                  <option key={candidate.uid} value={candidate.id}>
                    {position + 1}. {candidate.name || stepTypeInfo[candidate.type].label} ({candidate.id})
                  </option>
                ))}
                {step.sourceStepId && !sourceKnown && <option value={step.sourceStepId}>{step.sourceStepId} (not an earlier step)</option>}
              </select>
            )}
          </Field>
        )}
      </div>
      <StepConfigForm step={step} problems={problems} onConfig={actions.onConfig} />
    </section>
  );
}

function StepConfigForm({ step, problems, onConfig }: { step: StepDraft; problems: StepProblems; onConfig: StepCardActions['onConfig'] }) {
  switch (step.type) {
    case 'input':
      return <InputConfig config={step.config} problems={problems} onChange={onConfig} />;
    case 'execute_script':
      return <ScriptConfig config={step.config} problems={problems} onChange={onConfig} />;
    case 'execute_api_call':
      return <ApiCallConfig config={step.config} problems={problems} onChange={onConfig} />;
    case 'transform_model':
      return <TransformConfig config={step.config} problems={problems} onChange={onConfig} />;
    case 'filter':
      return <FilterConfig config={step.config} problems={problems} onChange={onConfig} />;
    case 'update_entry':
      return <UpdateEntryConfig config={step.config} problems={problems} onChange={onConfig} />;
    case 'write_response':
      return <WriteResponseConfig config={step.config} problems={problems} onChange={onConfig} />;
  }
}
