import type { ConfigChange } from '@/lib/integrations/jira/config/diff-config';
import { describeChanges, type ConfigNames } from '@/lib/integrations/jira/config/describe-changes';

const SHOWN = 30;

/** Changed rows by name ("In Review → In review (was To do)"); long lists end with "and N more". */
export function ChangeList({ changes, names, label }: { changes: readonly ConfigChange[]; names: ConfigNames; label: string }) {
  const described = describeChanges(changes, names);
  return (
    <ul aria-label={label} className="mt-1 list-disc space-y-0.5 pl-5">
      {described.slice(0, SHOWN).map((change) => (
        <li key={change.key}>{change.text}</li>
      ))}
      {described.length > SHOWN ? <li>and {described.length - SHOWN} more</li> : null}
    </ul>
  );
}
