import type { Metadata } from 'next';
import { NotFoundPanel } from '@/components/layout/not-found-panel';

export const metadata: Metadata = { title: 'Page not found' };

/** Any URL Portico does not have (outside the signed-in frame: no session is needed to be told). */
export default function NotFound() {
  return (
    <main id="main">
      <NotFoundPanel />
    </main>
  );
}
