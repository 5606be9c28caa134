export interface ActionResult {
  ok: boolean;
  text: string;
}

/** What a button of the Sync section answered: announced politely when it worked, as an alert when not. */
export function ActionResultText({ result }: { result: ActionResult }) {
  return (
    <p role={result.ok ? 'status' : 'alert'} className={`text-sm ${result.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>
      {result.text}
    </p>
  );
}
