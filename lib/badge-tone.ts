/** The tones a badge or notice can take: lib's pure presenters choose one, components/ui/badge.tsx paints it. */
export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';
