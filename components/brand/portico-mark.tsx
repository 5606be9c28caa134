export function PorticoMark({ className = '' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="8" className="fill-indigo-600 dark:fill-indigo-500" />
      <path d="M8 24V11l8-4 8 4v13" fill="none" stroke="white" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M12.5 24v-9M19.5 24v-9" stroke="white" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
