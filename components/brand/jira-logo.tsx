/** The Jira mark, drawn inline so the page loads no third-party asset. */
export function JiraLogo({ className = '' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <defs>
        <linearGradient id="jira-a" x1="15.4" y1="9.6" x2="10.4" y2="14.8" gradientUnits="userSpaceOnUse">
          <stop offset="0.18" stopColor="#0052CC" />
          <stop offset="1" stopColor="#2684FF" />
        </linearGradient>
        <linearGradient id="jira-b" x1="16.7" y1="22.3" x2="21.7" y2="17.2" gradientUnits="userSpaceOnUse">
          <stop offset="0.18" stopColor="#0052CC" />
          <stop offset="1" stopColor="#2684FF" />
        </linearGradient>
      </defs>
      <path fill="#2684FF" d="M29.2 15.1 17.3 3.2 16 2 7 11l-4.2 4.1a1.2 1.2 0 0 0 0 1.7l8.2 8.2 5 4.9 9-9 .1-.1 4.1-4a1.2 1.2 0 0 0 0-1.7ZM16 20l-4.1-4 4.1-4.1 4.1 4.1Z" />
      <path fill="url(#jira-a)" d="M16 11.9a6.9 6.9 0 0 1 0-9.8L7 11l4.9 4.9Z" />
      <path fill="url(#jira-b)" d="m20.1 16-4.1 4.1a6.9 6.9 0 0 1 0 9.8l9-9Z" />
    </svg>
  );
}
