'use client';
import { SaveDraftRequest, type Dataflow, type StartRunRequest, type StepType } from '@conflux/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemCallout } from '@/components/problem-callout';
import { TextAreaField, TextField } from '@/components/text-field';
import { ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import {
  draftFrom,
  moveStep,
  newStep,
  removeStep,
  renameStepId,
  requestFrom,
  uniqueStepId,
  type DataflowDraft,
  type StepDraft,
} from './dataflow-draft';
import { describePath, problemAt, problemsFrom, type Problem } from './dataflow-issues';
import { StepCard } from './step-card';
import { stepTypeInfo } from './step-types';
import { TestRunPanel } from './test-run-panel';
import { useDeleteDataflow } from './use-delete-dataflow';
import { usePublishDataflow } from './use-publish-dataflow';
import { useSaveDraft } from './use-save-draft';

const ADDABLE: StepType[] = ['execute_script', 'execute_api_call', 'transform_model', 'filter', 'update_entry', 'write_response'];

/**
 * The dataflow editor. It copies the dataflow's current version (its draft, or its latest
 * published version) into local state once; "Save draft" sends it whole, and the problems the
 * server (or the same schema in the browser) finds appear beside their fields.
 */
export function DataflowEditor({ dataflow }: { dataflow: Dataflow }) {
  const router = useRouter();
  const key = dataflow.key;
  const [draft, setDraft] = useState<DataflowDraft>(() => draftFrom(dataflow));
  const [savedRequest, setSavedRequest] = useState(() => JSON.stringify(requestFrom(draftFrom(dataflow))));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const save = useSaveDraft(key);
  const publish = usePublishDataflow(key);
  const deleteDataflow = useDeleteDataflow();

  const dirty = JSON.stringify(requestFrom(draft)) !== savedRequest;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const edit = (change: (current: DataflowDraft) => DataflowDraft) => {
    setNotice(null);
    setDraft(change);
  };
  const editSteps = (change: (steps: StepDraft[]) => StepDraft[]) => edit((current) => ({ ...current, steps: change(current.steps) }));
  const editStep = (uid: number, change: (step: StepDraft) => StepDraft) => editSteps((steps) => steps.map((step) => (step.uid === uid ? change(step) : step)));

  /** Saves the draft; false (with the problems shown) when it was refused. */
  async function saveDraft(): Promise<boolean> {
    const request = requestFrom(draft);
    const uids = draft.steps.map((step) => step.uid);
    save.reset();
    const parsed = SaveDraftRequest.safeParse(request);
    if (!parsed.success) {
      setProblems(problemsFrom(parsed.error.issues, uids));
      return false;
    }
    try {
      await save.mutateAsync(request);
      setProblems([]);
      setSavedRequest(JSON.stringify(request));
      return true;
    } catch (error) {
      setProblems(error instanceof ApiError ? problemsFrom(error.issues, uids) : []);
      return false;
    }
  }

  async function saveClicked() {
    setNotice(null);
    if (await saveDraft()) setNotice('Draft saved.');
  }

  async function publishClicked() {
    setNotice(null);
    if (dirty && !(await saveDraft())) return;
    publish.mutate(undefined, { onSuccess: (published) => setNotice(`Published version ${published.publishedVersion}. Forms and API calls now run it.`) });
  }

  /** For "Test run": unsaved changes are saved first; the draft runs, or the published version when there is no draft. */
  async function prepareTestRun(): Promise<StartRunRequest['version'] | null> {
    if (dirty) return (await saveDraft()) ? 'draft' : null;
    return dataflow.hasDraft ? 'draft' : (dataflow.publishedVersion ?? 'draft');
  }

  function addStep(type: StepType) {
    setChoosing(false);
    const step = newStep(type, draft.steps);
    editSteps((steps) => (type === 'input' ? [{ ...step, sourceStepId: '' }, ...steps.map((other, index) => (index === 0 ? { ...other, sourceStepId: step.id } : other))] : [...steps, step]));
    requestAnimationFrame(() => document.getElementById(`step-${step.uid}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  }

  // Problems of steps removed since the save are gone with them.
  const shownProblems = problems.filter((problem) => problem.stepUid === undefined || draft.steps.some((step) => step.uid === problem.stepUid));
  const stepProblems = (uid: number) => problems.filter((problem) => problem.stepUid === uid);
  const dataflowProblems = problems.filter((problem) => problem.stepUid === undefined);
  const hasInput = draft.steps[0]?.type === 'input';
  const choices: StepType[] = hasInput ? ADDABLE : ['input', ...ADDABLE];
  const publishable = dirty || dataflow.hasDraft;
  const saveError = save.error && !(save.error instanceof ApiError && save.error.issues.length > 0) ? save.error : null;

  return (
    <section className="dataflow-editor">
      <Breadcrumbs items={[{ label: 'Dataflows', href: '/dataflows' }, { label: dataflow.name }]} />
      <div className="page-header">
        <div>
          <h1>{dataflow.name}</h1>
          <p className="lead">
            <code>{key}</code>
            {dataflow.description && <> · {dataflow.description}</>}
          </p>
        </div>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            deleteDataflow.reset();
            setConfirmingDelete(true);
          }}
        >
          Delete dataflow
        </button>
      </div>

      <div className="editor-bar" role="toolbar" aria-label="Dataflow actions">
        <div className="editor-status" aria-label="Version status">
          {dataflow.hasDraft ? <span className="pill warn">Draft · version {dataflow.latestVersion}</span> : <span className="pill ok">Version {dataflow.latestVersion} published</span>}
          <span className="muted">{dataflow.publishedVersion !== null ? `Published: version ${dataflow.publishedVersion}` : 'Not published yet'}</span>
          {dirty && (
            <span className="pill unsaved" role="status">
              Unsaved changes
            </span>
          )}
          {notice && (
            <span className="saved" role="status">
              {notice}
            </span>
          )}
        </div>
        <div className="form-actions">
          <button type="button" className="button primary" disabled={!dirty || save.isPending} onClick={saveClicked}>
            {save.isPending ? 'Saving…' : 'Save draft'}
          </button>
          <button
            type="button"
            className="button"
            disabled={!publishable || publish.isPending || save.isPending}
            title={publishable ? 'Freeze this draft as the version forms and API calls run' : 'The latest version is already published'}
            onClick={publishClicked}
          >
            {publish.isPending ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </div>

      {shownProblems.length > 0 && <ProblemSummary problems={shownProblems} steps={draft.steps} />}
      {saveError && <ProblemCallout title="The draft was not saved." error={saveError} onDismiss={() => save.reset()} />}
      {publish.isError && <ProblemCallout title="The dataflow was not published." error={publish.error} onDismiss={() => publish.reset()} />}
      {deleteDataflow.isError && <ProblemCallout title="The dataflow was not deleted." error={deleteDataflow.error} onDismiss={() => deleteDataflow.reset()} />}

      <div className="form panel">
        <div className="form-grid">
          <TextField
            label="Name"
            autoComplete="off"
            value={draft.name}
            onChange={(event) => edit((current) => ({ ...current, name: event.target.value }))}
            error={problemAt(dataflowProblems, 'name')}
          />
        </div>
        <TextAreaField
          label="Description"
          rows={2}
          value={draft.description}
          onChange={(event) => edit((current) => ({ ...current, description: event.target.value }))}
          error={problemAt(dataflowProblems, 'description')}
          hint="What the dataflow does and who starts it."
        />
      </div>

      <div className="section-header">
        <h2>Steps</h2>
        <span className="muted">The model passes from each step to the steps that name it as their source.</span>
      </div>
      {problemAt(dataflowProblems, 'steps') && <p className="callout error">{problemAt(dataflowProblems, 'steps')}</p>}
      {draft.steps.length === 0 && <p className="empty">No steps. Add an Input step first: it receives what starts the run.</p>}
      <ol className="step-list">
        {draft.steps.map((step, index) => (
          <li key={step.uid}>
            <StepCard
              step={step}
              index={index}
              earlier={draft.steps.slice(0, index)}
              problems={stepProblems(step.uid)}
              canMoveUp={step.type !== 'input' && index > (hasInput ? 1 : 0)}
              canMoveDown={step.type !== 'input' && index < draft.steps.length - 1}
              canRemove={!(index === 0 && step.type === 'input')}
              actions={{
                onName: (name) =>
                  editSteps((steps) => {
                    const named = steps.map((other) => (other.uid === step.uid ? { ...other, name } : other));
                    if (step.idEdited) return named;
                    const taken = steps.filter((other) => other.uid !== step.uid).map((other) => other.id);
                    return renameStepId(named, step.uid, uniqueStepId(name, taken));
                  }),
                onId: (id) => editSteps((steps) => renameStepId(steps, step.uid, id).map((other) => (other.uid === step.uid ? { ...other, idEdited: true } : other))),
                onSource: (sourceStepId) => editStep(step.uid, (current) => ({ ...current, sourceStepId })),
                onConfig: (config) => editStep(step.uid, (current) => ({ ...current, config }) as StepDraft),
                onMove: (offset) => editSteps((steps) => moveStep(steps, step.uid, offset)),
                onRemove: () => editSteps((steps) => removeStep(steps, step.uid)),
              }}
            />
          </li>
        ))}
      </ol>

      <div className="add-step">
        {choosing ? (
          <div className="step-chooser" role="group" aria-label="Choose the step type">
            <div className="section-header">
              <h3>Add a step</h3>
              <button type="button" className="button small" onClick={() => setChoosing(false)}>
                Cancel
              </button>
            </div>
            <div className="step-choices">
              {choices.map((type) => (
                <button key={type} type="button" className="step-choice" onClick={() => addStep(type)}>
                  <strong>{stepTypeInfo[type].label}</strong>
                  <span>{stepTypeInfo[type].description}</span>
                </button>
              ))}
            </div>
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setChoosing(true)}>
            Add step
          </button>
        )}
      </div>

      <TestRunPanel dataflowKey={key} prepare={prepareTestRun} preparing={save.isPending} />

      <section className="panel" aria-labelledby="versions-title">
        <div className="section-header">
          <h2 id="versions-title">Versions</h2>
          <Link href={`/runs?dataflow=${encodeURIComponent(key)}`}>Runs of this dataflow</Link>
        </div>
        <table className="table compact" aria-label="Versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {dataflow.versions.map((version) => (
              <tr key={version.version}>
                <td>{version.version}</td>
                <td>{version.status === 'draft' ? <span className="pill warn">Draft</span> : <span className="pill ok">Published</span>}</td>
                <td>{formatDateTime(version.createdAt)}</td>
                <td>{formatDateTime(version.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="field-hint">Published versions never change: editing one starts a new draft. Each run keeps the version it executed.</p>
      </section>

      <ConfirmDialog
        open={confirmingDelete}
        title={`Delete ${dataflow.name}?`}
        confirmLabel={deleteDataflow.isPending ? 'Deleting…' : 'Delete dataflow'}
        pending={deleteDataflow.isPending}
        danger
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() =>
          deleteDataflow.mutate(key, {
            onSuccess: () => router.push('/dataflows'),
            onError: () => setConfirmingDelete(false),
          })
        }
      >
        <p>Every version and the history of its runs are deleted with it. Forms that start it must be changed first.</p>
      </ConfirmDialog>
    </section>
  );
}

const DATAFLOW_FIELDS: Record<string, string> = { name: 'Name', description: 'Description', steps: 'Steps', inputSchema: 'Input schema', key: 'Key' };

/** Every problem of the last save, at the top, each linking to its step. */
function ProblemSummary({ problems, steps }: { problems: Problem[]; steps: StepDraft[] }) {
  return (
    <div className="callout error problem-summary" role="alert">
      <strong>The dataflow has problems.</strong> Each is also shown beside its field; fix them and save again.
      <ul>
        {problems.map((problem, index) => {
          const position = steps.findIndex((step) => step.uid === problem.stepUid);
          const step = steps[position];
          return (
            <li key={index}>
              {step ? (
                <a href={`#step-${step.uid}`}>
                  Step {position + 1} “{step.name || stepTypeInfo[step.type].label}” · {describePath(problem.path)}
                </a>
              ) : (
                <span>{DATAFLOW_FIELDS[problem.path.split('.')[0] ?? ''] ?? 'Dataflow'}</span>
              )}
              : {problem.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
