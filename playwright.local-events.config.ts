import base from './playwright.config';
// Local only (not committed): a loaded machine needs longer to start the server.
export default { ...base, webServer: { ...(base.webServer as object), timeout: 480_000 } };
