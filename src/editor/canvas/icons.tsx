// Small inline icons (an emoji clock is a blank box where the system has no emoji font).

export function ClockIcon() {
  return (
    <svg className="plumb-icon" viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.2V8l2.6 1.7" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}
