import { Badge, type BadgeTone } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { SCOPE_REQUIREMENTS } from '@/lib/integrations/jira/oauth/scopes';
import { DEVELOPER_CONSOLE_URL, isAdminConfirmable, type SetupStep, type SetupStepStatus } from '@/lib/integrations/jira/oauth/setup-checklist';
import { ConfirmStepForm } from './confirm-step-form';
import { LocalTime } from '@/components/ui/local-time';

const STATUS: Record<SetupStepStatus, { label: string; tone: BadgeTone }> = {
  confirmed_by_portico: { label: 'Confirmed by Portico', tone: 'success' },
  confirmed_by_admin: { label: 'Marked done by an admin', tone: 'info' },
  cannot_confirm_yet: { label: 'Not confirmed yet', tone: 'neutral' },
  problem: { label: 'Problem', tone: 'danger' },
};

interface Props {
  steps: SetupStep[];
  callbackUrl: string;
  requestedScopes: string[];
  /** Admins with a saved app may confirm console-only steps. */
  canConfirm: boolean;
}

export function SetupChecklistView({ steps, callbackUrl, requestedScopes, canConfirm }: Props) {
  return (
    <ol aria-label="Setup checklist" className="space-y-3">
      {steps.map((step, index) => (
        <li key={step.id} aria-labelledby={`step-${step.id}`} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex flex-wrap items-center gap-3">
            <span aria-hidden className="flex size-6 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold dark:bg-zinc-800">
              {index + 1}
            </span>
            <h3 id={`step-${step.id}`} className="font-semibold">
              {step.title}
            </h3>
            <Badge tone={STATUS[step.status].tone}>{STATUS[step.status].label}</Badge>
          </div>
          <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{step.instruction}</p>
          {step.id === 'create_integration' ? (
            <a href={DEVELOPER_CONSOLE_URL} target="_blank" rel="noreferrer" className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              Open the developer console ↗
            </a>
          ) : null}
          {step.id === 'add_scopes' ? <ScopeList requestedScopes={requestedScopes} /> : null}
          {step.id === 'callback_url' ? (
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <code className="rounded bg-zinc-100 px-2 py-1 font-mono text-sm break-all dark:bg-zinc-800">{callbackUrl}</code>
              <CopyButton value={callbackUrl} label="Copy callback URL" />
            </div>
          ) : null}
          <p className={`mt-3 text-sm ${step.status === 'problem' ? 'text-red-800 dark:text-red-300' : 'text-zinc-600 dark:text-zinc-400'}`}>
            <span className="font-medium">Portico checked: </span>
            {step.checked}
            {step.status === 'confirmed_by_admin' && step.confirmedAt ? <> Marked done <LocalTime date={step.confirmedAt} />.</> : ''}
          </p>
          {canConfirm && isAdminConfirmable(step.id) && step.status !== 'confirmed_by_portico' ? (
            <div className="mt-2">
              <ConfirmStepForm stepId={step.id} title={step.title} confirmed={Boolean(step.confirmedAt)} />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function ScopeList({ requestedScopes }: { requestedScopes: string[] }) {
  const granularAll = [...new Set(SCOPE_REQUIREMENTS.flatMap((requirement) => requirement.granular))];
  return (
    <div className="mt-3 space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>
          Portico requests exactly: <code className="font-mono">{requestedScopes.join(' ')}</code>
        </span>
        <CopyButton value={requestedScopes.join(' ')} label="Copy all requested scopes">
          Copy all
        </CopyButton>
      </div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Scopes to add to the Jira API</caption>
        <thead className="text-xs text-zinc-600 uppercase dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Classic scope</th>
            <th scope="col" className="py-2 pr-3 font-medium">Granular alternative</th>
            <th scope="col" className="py-2 font-medium">Needed for</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {SCOPE_REQUIREMENTS.map((requirement) => (
            <tr key={requirement.classic} className="align-top">
              <td className="py-2 pr-3">
                <div className="flex flex-wrap items-center gap-2">
                  <code className="font-mono">{requirement.classic}</code>
                  <CopyButton value={requirement.classic} label={`Copy ${requirement.classic}`} />
                </div>
                <div className="mt-1 flex gap-1.5">
                  <Badge tone={requirement.required ? 'info' : 'neutral'}>{requirement.required ? 'Required' : 'Optional'}</Badge>
                  {requestedScopes.includes(requirement.classic) ? <Badge>Requested</Badge> : null}
                </div>
              </td>
              <td className="py-2 pr-3">
                <details>
                  <summary className="cursor-pointer text-zinc-700 dark:text-zinc-300">
                    {requirement.granular.length} granular {requirement.granular.length === 1 ? 'scope' : 'scopes'}
                  </summary>
                  <code className="mt-1 block font-mono text-xs break-all">{requirement.granular.join(' ')}</code>
                  <CopyButton value={requirement.granular.join(' ')} label={`Copy granular scopes for ${requirement.classic}`} />
                </details>
              </td>
              <td className="py-2 text-zinc-700 dark:text-zinc-300">{requirement.features.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
        <span>Using the Granular scopes tab instead? Every granular name above:</span>
        <CopyButton value={granularAll.join(' ')} label="Copy all granular scopes">
          Copy all granular
        </CopyButton>
      </div>
    </div>
  );
}
