import type { Metadata } from 'next';
import { requireOrgMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';
import { apiReference } from '@/lib/api/v1/reference';

export const metadata: Metadata = { title: 'API reference' };

const RESPONSE_EXAMPLE = {
  id: '0b7c6a52-3f0e-4d2a-9f61-2f0b1c6d8e90',
  vendor: 'JIRA',
  organization_id: '5d1f…',
  status: 'pending_authorization',
  refresh_interval_secs: 21600,
  timeout_secs: 1800,
  oauth2_authorize_url: 'https://portico.example.com/integrations/jira/authorize/…',
  '…': 'site, options, requested_mappings, resolution, created_at, updated_at',
};

const ERROR_EXAMPLE = {
  error: {
    code: 'validation_failed',
    message: 'options.priority_mapping.Highest: Use one of the standard priorities: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNKNOWN.',
    field: 'options.priority_mapping.Highest',
    details: [{ field: 'options.priority_mapping.Highest', message: 'Use one of the standard priorities: …' }],
  },
};

const pre = 'overflow-x-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs text-zinc-100';

/** The document's descriptions mark codes with backticks (Markdown, as OpenAPI allows): render those as code. */
function Described({ text }: { text: string }) {
  return text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>));
}

/** Scrollable code must be reachable by keyboard (axe: scrollable-region-focusable). */
function Code({ label, children }: { label: string; children: string }) {
  return (
    <pre className={pre} tabIndex={0} role="region" aria-label={label}>
      {children}
    </pre>
  );
}

export default async function ApiReferencePage() {
  await requireOrgMember();
  const ratePerMinute = env().PORTICO_API_RATE_LIMIT_PER_MINUTE;
  const { operations, errorCodes } = apiReference(env().PORTICO_BASE_URL, ratePerMinute);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-lg font-semibold">API reference</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Version 1, generated from the{' '}
          <a href="/api/v1/openapi.json" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            OpenAPI 3.1 document
          </a>
          . Authenticate with an organization key from Settings › API keys as <code>Authorization: Bearer &lt;key&gt;</code>. Each key may
          send {ratePerMinute} requests per minute (<code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code>); beyond that the answer is 429 with <code>Retry-After</code>.
        </p>
      </div>
      <section aria-labelledby="flow-title" className="space-y-2 text-sm">
        <h2 id="flow-title" className="font-semibold">Onboarding a tenant</h2>
        <ol className="list-decimal space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
          <li>
            <code>POST /connections</code> with the tenant’s project keys and mappings by Jira name. The answer holds <code>oauth2_authorize_url</code>.
          </li>
          <li>Send that link to the tenant’s Portico admin. It works once, for 24 hours; issue a new one with <code>POST /connections/&#123;id&#125;/authorize-url</code>.</li>
          <li>
            After they consent, <code>GET /connections/&#123;id&#125;</code> shows <code>status: connected</code>, the mappings resolved to Jira ids, and any names
            Jira did not have under <code>resolution.unresolved</code>.
          </li>
        </ol>
        <Code label="Example answer to POST /connections">{JSON.stringify(RESPONSE_EXAMPLE, null, 2)}</Code>
      </section>
      <section aria-labelledby="endpoints-title" className="space-y-4">
        <h2 id="endpoints-title" className="font-semibold">Endpoints</h2>
        {operations.map((operation) => (
          <article key={`${operation.method} ${operation.path}`} aria-label={`${operation.method} ${operation.path}`} className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
            <h3 className="font-mono text-sm font-semibold">
              {operation.method} /api/v1{operation.path}
            </h3>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">{operation.summary}</p>
            {operation.requestExample ? <Code label={`Example request body for ${operation.method} ${operation.path}`}>{JSON.stringify(operation.requestExample, null, 2)}</Code> : null}
            <dl className="grid grid-cols-[4rem_1fr] gap-x-3 gap-y-1 text-sm">
              {operation.responses.map((response) => (
                <div key={response.status} className="contents">
                  <dt className="font-mono">{response.status}</dt>
                  <dd className="text-zinc-700 dark:text-zinc-300">
                    <Described text={response.description} />
                  </dd>
                </div>
              ))}
            </dl>
            <Code label={`curl example for ${operation.method} ${operation.path}`}>{operation.curl}</Code>
          </article>
        ))}
      </section>
      <section aria-labelledby="errors-title" className="space-y-3 text-sm">
        <h2 id="errors-title" className="font-semibold">Errors</h2>
        <p className="text-zinc-700 dark:text-zinc-300">
          Every error has the same shape: a machine-readable <code>code</code>, a sentence, and for invalid input the <code>field</code> at fault.
        </p>
        <Code label="Example error">{JSON.stringify(ERROR_EXAMPLE, null, 2)}</Code>
        <table className="text-left">
          <thead>
            <tr>
              <th scope="col" className="pr-6 font-medium">Code</th>
              <th scope="col" className="font-medium">HTTP status</th>
            </tr>
          </thead>
          <tbody>
            {errorCodes.map((row) => (
              <tr key={row.code}>
                <td className="pr-6 font-mono">{row.code}</td>
                <td>{row.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
