// GET universal_avatar/view/type/{type}/avatar/{id}: the gateway avatar URLs that project, issue type
// and user JSON point to (as in the recorded responses). Like Atlassian, the gateway answers them only
// with a Bearer token (handleJira authenticates first), so an <img> pointing at them breaks. Without
// `format` the avatar comes in its original format, SVG for the built-in ones; `format=png` gives PNG
// (OpenAPI: getAvatarImageByID).
import { errorCollection, type JiraHandler } from './context';

// A 1×1 PNG: enough to be a real image of the right type.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const TYPES = new Set(['project', 'issuetype', 'priority', 'user']);

export const getAvatarImage: JiraHandler = ({ params, query }) => {
  const type = params.type ?? '';
  const id = params.id ?? '';
  if (!TYPES.has(type)) return errorCollection(400, `Avatar type '${type}' is not supported.`);
  if (!/^\d+$/.test(id)) return errorCollection(404, `The avatar with ID '${id}' could not be found.`);
  const cache = { 'cache-control': 'private, max-age=3600' };
  if (query.get('format') === 'png') return { status: 200, headers: { 'content-type': 'image/png', ...cache }, body: PNG };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="48" height="48" fill="#0052cc"/><text x="24" y="30" fill="#fff" text-anchor="middle">${id.slice(-2)}</text></svg>`;
  return { status: 200, headers: { 'content-type': 'image/svg+xml', ...cache }, body: svg };
};
