'use client';
import { useCallback, useState } from 'react';
import { avatarInitials, checkAvatarUrl } from '@/lib/integrations/jira/avatar-hosts';

const SIZES = { sm: 'size-6 text-[10px]', md: 'size-8 text-xs' } as const;

/** Where the <img> loads from: Portico's avatar route when a connection can fetch it, else the public host. */
export function avatarSource(src: string | null | undefined, connectionId: string | undefined): string | undefined {
  if (!src) return undefined;
  // Through Portico: gateway avatars need the connection's token, and the browser then loads nothing
  // Jira chose. The route refuses anything that is not an Atlassian avatar (avatar-hosts.ts).
  if (connectionId) return `/api/integrations/jira/connections/${connectionId}/avatar?url=${encodeURIComponent(src)}`;
  const checked = checkAvatarUrl(src);
  return checked.allowed ? checked.url : undefined;
}

/**
 * A Jira site's or project's avatar. With `connectionId` it loads through Portico's avatar route;
 * without one (a site not connected yet) only from Atlassian's public avatar hosts. Anything refused,
 * or that fails to load, shows initials instead.
 */
export function JiraAvatar({
  src,
  name,
  size = 'sm',
  connectionId,
}: {
  src?: string | null;
  name: string;
  size?: keyof typeof SIZES;
  connectionId?: string;
}) {
  const [failed, setFailed] = useState(false);
  // A server-rendered image that failed before hydration fired its error event before React listened:
  // a broken image is `complete` with no natural width, so check once it is attached.
  const detectEarlyFailure = useCallback((img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  const source = avatarSource(src, connectionId);
  if (source && !failed) {
    // eslint-disable-next-line @next/next/no-img-element -- a tiny avatar; next/image would add its own optimizer proxy
    return <img ref={detectEarlyFailure} src={source} alt="" className={`${SIZES[size]} rounded`} referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
  }
  return (
    <span aria-hidden="true" data-testid="avatar-initials" className={`${SIZES[size]} inline-flex shrink-0 items-center justify-center rounded bg-zinc-200 font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200`}>
      {avatarInitials(name)}
    </span>
  );
}
