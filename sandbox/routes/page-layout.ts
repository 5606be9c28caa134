// Shared HTML shell for the consent and error pages: lang attribute, one h1 per page, inline CSS only.
import { escapeHtml } from '../http/respond';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:#f4f5f7;color:#172b4d}
header{background:#0052cc;color:#fff;padding:12px 24px;font-weight:600;letter-spacing:.2px}
main{max-width:520px;margin:40px auto;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(9,30,66,.25);padding:32px}
h1{font-size:20px;margin:0 0 8px}
h2{font-size:14px;margin:24px 0 8px;color:#5e6c84;text-transform:uppercase;letter-spacing:.4px}
p{line-height:1.5;margin:8px 0}
ul{padding-left:20px;margin:8px 0}
li{margin:4px 0}
.app{display:flex;align-items:center;gap:12px;margin-bottom:16px}
.logo{width:40px;height:40px;border-radius:8px;background:#36b37e;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;font-size:20px}
.user{color:#5e6c84;font-size:13px}
label{display:block;font-weight:600;margin:24px 0 6px}
select{width:100%;padding:8px;border:2px solid #dfe1e6;border-radius:4px;font-size:14px;background:#fafbfc}
select:focus,button:focus{outline:2px solid #4c9aff;outline-offset:2px}
.actions{display:flex;justify-content:flex-end;gap:8px;margin-top:28px}
button{border:0;border-radius:4px;padding:8px 16px;font-size:14px;font-weight:500;cursor:pointer}
.primary{background:#0052cc;color:#fff}
.subtle{background:#f4f5f7;color:#42526e}
.error{border-left:4px solid #de350b;padding-left:12px}
code{background:#f4f5f7;padding:1px 4px;border-radius:3px}
small{color:#5e6c84}
`;

export function renderPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>Atlassian</header>
<main>
${body}
</main>
</body>
</html>`;
}

export function renderErrorPage(error: string, description: string): string {
  return renderPage(
    'Something went wrong',
    `<div class="error" role="alert">
<h1>Something went wrong</h1>
<p><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>
</div>
<p><small>Close this page and try again, or contact the app's developer.</small></p>`,
  );
}
