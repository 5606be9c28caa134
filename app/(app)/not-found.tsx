import type { Metadata } from 'next';
import { NotFoundPanel } from '@/components/layout/not-found-panel';

export const metadata: Metadata = { title: 'Page not found' };

/** A page of the app that called notFound() (say, a connection id that is not this organization's), inside the app's frame. */
export default function AppNotFound() {
  return <NotFoundPanel />;
}
