import type { Metadata } from 'next';
import { requireOrgMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';
import { apiReference } from '@/lib/api/v1/reference';
import { CopyButton } from '@/components/ui/copy-button';
import { Described, FieldTable } from './field-table';

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
    message:
      'options.priority_mapping.Highest: Use one of the standard priorities: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNKNOWN.',
    field: 'options.priority_mapping.Highest',
    details: [{ field: 'options.priority_mapping.Highest', message: 'Use one of the standard priorities: …' }],
  },
};

// The ring frames the block in dark mode, where zinc-950 is also the page's background.
const pre = 'overflow-x-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs text-zinc-100 dark:ring-1 dark:ring-zinc-800';

/** Scrollable code must be reachable by keyboard (axe: scrollable-region-focusable); each block can be copied. */
function Code({ label, children }: { label: string; children: string }) {
  return (
    <div className="space-y-1">
      <div className="flex justify-end">
        <CopyButton value={children} label={`Copy ${label}`} />
      </div>
      <pre className={pre} tabIndex={0} role="region" aria-label={label}>
        {children}
      </pre>
    </div>
  );
}

const anchor =
  'text-zinc-400 no-underline hover:text-indigo-700 focus-visible:text-indigo-700 dark:hover:text-indigo-300';
const tocLink = 'text-indigo-700 hover:underline dark:text-indigo-300';

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
          . Authenticate with an organization key from Settings › API keys as{' '}
          <code>Authorization: Bearer &lt;key&gt;</code>. Each key may send {ratePerMinute} requests per minute (
          <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code>); beyond that the answer is 429 with{' '}
          <code>Retry-After</code>.
        </p>
      </div>
      <nav
        aria-labelledby="toc-title"
        className="rounded-xl border border-zinc-200 bg-white p-5 text-sm shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="toc-title" className="font-semibold">
          On this page
        </h2>
        <ol className="mt-2 space-y-1">
          <li>
            <a href="#onboarding" className={tocLink}>
              Onboarding a tenant
            </a>
          </li>
          <li>
            <a href="#endpoints" className={tocLink}>
              Endpoints
            </a>
            <ol className="mt-1 grid gap-x-6 gap-y-1 pl-4 sm:grid-cols-2">
              {operations.map((operation) => (
                <li key={operation.id} className="min-w-0">
                  <a href={`#${operation.id}`} className={`${tocLink} break-words`}>
                    <span className="font-mono text-xs">{operation.method}</span> {operation.summary || operation.path}
                  </a>
                </li>
              ))}
            </ol>
          </li>
          <li>
            <a href="#errors" className={tocLink}>
              Errors
            </a>
          </li>
        </ol>
      </nav>
      <section id="onboarding" aria-labelledby="flow-title" className="scroll-mt-4 space-y-2 text-sm">
        <h2 id="flow-title" className="font-semibold">
          Onboarding a tenant
        </h2>
        <ol className="list-decimal space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
          <li>
            <code>POST /connections</code> with the tenant’s project keys and mappings by Jira name. The answer holds{' '}
            <code>oauth2_authorize_url</code>.
          </li>
          <li>
            Send that link to the tenant’s Portico admin. It works once, for 24 hours; issue a new one with{' '}
            <code>POST /connections/&#123;id&#125;/authorize-url</code>.
          </li>
          <li>
            After they consent, <code>GET /connections/&#123;id&#125;</code> shows <code>status: connected</code>, the
            mappings resolved to Jira ids, and any names Jira did not have under <code>resolution.unresolved</code>.
          </li>
        </ol>
        <Code label="example answer to POST /connections">{JSON.stringify(RESPONSE_EXAMPLE, null, 2)}</Code>
      </section>
      <section id="endpoints" aria-labelledby="endpoints-title" className="scroll-mt-4 space-y-4">
        <h2 id="endpoints-title" className="font-semibold">
          Endpoints
        </h2>
        {operations.map((operation) => (
          <article
            key={operation.id}
            id={operation.id}
            aria-label={`${operation.method} ${operation.path}`}
            className="min-w-0 scroll-mt-4 space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            <div className="flex items-baseline gap-2">
              <h3 className="min-w-0 break-all font-mono text-sm font-semibold">
                {operation.method} /api/v1{operation.path}
              </h3>
              <a
                href={`#${operation.id}`}
                className={anchor}
                aria-label={`Link to ${operation.method} ${operation.path}`}
              >
                #
              </a>
            </div>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">{operation.summary}</p>
            <FieldTable caption="Parameters" fields={operation.parameters} />
            <FieldTable caption="Request body" fields={operation.requestFields} />
            {operation.requestExample ? (
              <Code label={`example request body for ${operation.method} ${operation.path}`}>
                {JSON.stringify(operation.requestExample, null, 2)}
              </Code>
            ) : null}
            <div className="space-y-2">
              <h4 className="text-sm font-semibold">Responses</h4>
              <dl className="grid grid-cols-[3rem_1fr] gap-x-3 gap-y-1 text-sm">
                {operation.responses.map((response) => (
                  <div key={response.status} className="contents">
                    <dt className="font-mono">{response.status}</dt>
                    <dd className="min-w-0 text-zinc-700 dark:text-zinc-300">
                      <Described text={response.description} />
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
            {operation.responseFields.length > 0 ? (
              <details className="text-sm">
                <summary className="cursor-pointer font-medium text-indigo-700 dark:text-indigo-300">
                  Response fields ({operation.responseFields.length})
                </summary>
                <div className="mt-2">
                  <FieldTable caption="Success response body" fields={operation.responseFields} />
                </div>
              </details>
            ) : null}
            <Code label={`curl example for ${operation.method} ${operation.path}`}>{operation.curl}</Code>
          </article>
        ))}
      </section>
      <section id="errors" aria-labelledby="errors-title" className="scroll-mt-4 space-y-3 text-sm">
        <h2 id="errors-title" className="font-semibold">
          Errors
        </h2>
        <p className="text-zinc-700 dark:text-zinc-300">
          Every error has the same shape: a machine-readable <code>code</code>, a sentence, and for invalid input the{' '}
          <code>field</code> at fault.
        </p>
        <Code label="example error">{JSON.stringify(ERROR_EXAMPLE, null, 2)}</Code>
        <table className="text-left">
          <thead>
            <tr>
              <th scope="col" className="pr-6 font-medium">
                Code
              </th>
              <th scope="col" className="font-medium">
                HTTP status
              </th>
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
