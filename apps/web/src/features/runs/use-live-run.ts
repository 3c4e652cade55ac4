'use client';
import { RunEvent, type RunView } from '@conflux/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { runEventsUrl } from './runs.api';
import { runsKeys } from './runs.keys';
import { isActive } from './run-status';
import { useRun } from './use-run';

export type RunEventsState = 'idle' | 'connecting' | 'live' | 'unavailable';

/** Applies one server-sent event to the cached run: a step run replaced or added, or the run's summary. */
export function applyRunEvent(run: RunView, event: RunEvent): RunView {
  if (event.type === 'run') return { ...run, ...event.run };
  const known = run.steps.some((step) => step.stepId === event.step.stepId);
  return {
    ...run,
    steps: known ? run.steps.map((step) => (step.stepId === event.step.stepId ? event.step : step)) : [...run.steps, event.step],
  };
}

/**
 * Listens to the run's events while `active` and writes them into the TanStack Query cache,
 * so every view of the run moves live. The stream starts with the run's current state and
 * ends with `end`; if it fails, `onUnavailable` lets the caller poll instead.
 */
export function useRunEvents(id: string, active: boolean, onUnavailable: () => void = () => {}): RunEventsState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RunEventsState>('idle');
  const unavailable = useRef(onUnavailable);
  useEffect(() => {
    unavailable.current = onUnavailable;
  });

  useEffect(() => {
    if (!active || typeof EventSource === 'undefined') return;
    const source = new EventSource(runEventsUrl(id));
    // The summary in the events has no input and output: fetch the whole run once it is over.
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: runsKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: runsKeys.lists() });
    };
    const receive = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const event = RunEvent.safeParse(data);
      if (!event.success) return;
      setState('live');
      queryClient.setQueryData<RunView>(runsKeys.detail(id), (run) => (run ? applyRunEvent(run, event.data) : run));
      if (event.data.type === 'run' && !isActive(event.data.run)) refresh();
    };
    setState('connecting');
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('step', receive);
    source.addEventListener('run', receive);
    source.addEventListener('end', () => {
      source.close();
      setState('idle');
      refresh();
    });
    source.addEventListener('error', () => {
      // EventSource would reconnect forever; polling is the calmer fallback.
      source.close();
      setState('unavailable');
      unavailable.current();
      refresh();
    });
    return () => source.close();
  }, [id, active, queryClient]);

  return active ? state : 'idle';
}

/** A run that moves live: events while it is active, polling if the event stream fails. */
export function useLiveRun(id: string) {
  const [eventsFailed, setEventsFailed] = useState(false);
  const run = useRun(id, { poll: eventsFailed });
  const active = run.data ? isActive(run.data) : false;
  const events = useRunEvents(id, active && !eventsFailed, () => setEventsFailed(true));
  return { run, events: active && eventsFailed ? ('unavailable' as const) : events };
}
