'use client';
import type { StartRunRequest } from '@conflux/contracts';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { ProblemCallout } from '@/components/problem-callout';
import { TextAreaField } from '@/components/text-field';
import { RunDetails } from '@/features/runs/run-details';
import { useStartTestRun } from './use-start-test-run';

type Version = StartRunRequest['version'];

/** The JSON typed as the test input: an object, or the reason it is not one. */
export function parseTestInput(text: string): { input: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return { input: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'The input must be a JSON object, e.g. {"city": "Oslo"}.' };
  return { input: value as Record<string, unknown> };
}

/**
 * "Test run": starts the draft with a JSON input and shows the run below, live. `prepare`
 * saves unsaved changes first and says which version to run (null: saving failed).
 */
export function TestRunPanel({ dataflowKey, prepare, preparing }: { dataflowKey: string; prepare: () => Promise<Version | null>; preparing: boolean }) {
  const startRun = useStartTestRun(dataflowKey);
  const [text, setText] = useState('{\n  \n}');
  const [inputError, setInputError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (runId) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [runId]);

  async function run() {
    const parsed = parseTestInput(text);
    if ('error' in parsed) {
      setInputError(parsed.error);
      return;
    }
    setInputError(null);
    startRun.reset();
    const version = await prepare();
    setBlocked(version === null);
    if (version === null) return;
    startRun.mutate({ input: parsed.input, version }, { onSuccess: (started) => setRunId(started.id) });
  }

  const pending = preparing || startRun.isPending;
  return (
    <section className="panel test-run" aria-labelledby="test-run-title">
      <h2 id="test-run-title">Test run</h2>
      <p className="field-hint">
        Runs the draft (saving unsaved changes first) with this input, as the Input step would receive it. The run is recorded under Runs as an editor test.
      </p>
      <TextAreaField
        label="Test input (JSON)"
        className="code-input"
        rows={5}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setInputError(null);
        }}
        error={inputError ?? undefined}
      />
      {blocked && !preparing && (
        <p className="callout error" role="alert">
          The draft could not be saved, so nothing ran: fix the problems shown above first.
        </p>
      )}
      {startRun.isError && <ProblemCallout title="The run did not start." error={startRun.error} onDismiss={() => startRun.reset()} />}
      <div className="form-actions">
        <button type="button" className="button primary" disabled={pending} onClick={run}>
          {pending ? 'Starting…' : 'Test run'}
        </button>
        {runId && (
          <Link href={`/runs/${runId}`} className="button">
            Open the run on its own page
          </Link>
        )}
      </div>
      {runId && (
        <div ref={resultRef} className="test-run-result">
          <RunDetails key={runId} id={runId} heading="h3" />
        </div>
      )}
    </section>
  );
}
