'use client';
import type { Connector } from '@conflux/contracts';
import { OutboundResultView } from '@/components/outbound-result';
import { formError } from '@/lib/api-client';
import { useTestConnection } from './use-test-connection';

/** Sends a GET to the connector's test path with its saved settings and shows what came back. */
export function TestConnection({ connector, unsavedChanges }: { connector: Connector; unsavedChanges: boolean }) {
  const test = useTestConnection();
  const stale = test.data && test.variables !== connector.id;
  return (
    <section className="panel" aria-labelledby="test-connection-title">
      <div className="section-header">
        <div>
          <h2 id="test-connection-title">Test connection</h2>
          <p className="field-hint">
            Sends <code>GET {connector.testPath}</code> to <code>{connector.baseUrl}</code> with the saved authentication and
            headers.
            {unsavedChanges && <strong> Save your changes first: the test uses the saved settings.</strong>}
          </p>
        </div>
        <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate(connector.id)}>
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {test.isError && (
        <div className="callout error" role="alert">
          The test could not run: {formError(test.error)}
        </div>
      )}
      {test.data && !stale && <OutboundResultView result={test.data} label="Test result" bodyOpen={false} />}
    </section>
  );
}
