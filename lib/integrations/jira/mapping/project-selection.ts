import { plural } from '@/lib/format/plural';

/**
 * The project filter's summary line. Only selected keys Jira shows the authorizing user count as
 * selected projects ("2 of 3 projects selected", never "5 of 3"); the others are named apart.
 */
export function describeProjectSelection(selected: readonly string[], visibleKeys: readonly string[]) {
  const visible = new Set(visibleKeys);
  const shown = selected.filter((key) => visible.has(key));
  const missing = selected.filter((key) => !visible.has(key));
  return {
    shown,
    missing,
    summary: `${shown.length.toLocaleString('en-US')} of ${plural(visible.size, 'project')} selected`,
    missingSummary: missing.length
      ? `${plural(missing.length, 'selected project')} ${missing.length === 1 ? 'is' : 'are'} not visible in Jira`
      : undefined,
  };
}
