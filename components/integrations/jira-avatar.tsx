'use client';
import { useCallback, useState } from 'react';
import { avatarInitials, checkAvatarUrl } from '@/lib/integrations/jira/avatar-hosts';

const SIZES = { sm: 'size-6 text-[10px]', md: 'size-8 text-xs' } as const;

/**
 * A Jira site's or project's avatar, only from Atlassian's avatar hosts (lib/integrations/jira/avatar-hosts.ts);
 * any other URL, or one that fails to load (the gateway's avatars need a token), shows initials instead.
 */
export function JiraAvatar({ src, name, size = 'sm' }: { src?: string | null; name: string; size?: keyof typeof SIZES }) {
  const [failed, setFailed] = useState(false);
  // A server-rendered image that failed before hydration fired its error event before React listened:
  // a broken image is `complete` with no natural width, so check once it is attached.
  const detectEarlyFailure = useCallback((img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  const checked = checkAvatarUrl(src);
  if (checked.allowed && !failed) {
    // eslint-disable-next-line @next/next/no-img-element -- Atlassian-hosted avatar; next/image would proxy it through our server
    return <img ref={detectEarlyFailure} src={checked.url} alt="" className={`${SIZES[size]} rounded`} referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
  }
  return (
    <span aria-hidden="true" data-testid="avatar-initials" className={`${SIZES[size]} inline-flex shrink-0 items-center justify-center rounded bg-zinc-200 font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200`}>
      {avatarInitials(name)}
    </span>
  );
}
