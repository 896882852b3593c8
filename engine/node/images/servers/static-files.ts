// What web servers share when serving files: decoding and normalising the request path, content types by extension,
// and a stable ETag.

const types: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  txt: 'text/plain',
  xml: 'text/xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
};

export function contentType(path: string, fallback: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && types[extension]) || fallback;
}

/** The path of a request target without its query, percent-decoded; undefined when it escapes the root. */
export function requestPath(target: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(target.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  if (!path.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const part of path.split('/').slice(1)) {
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (part !== '.') parts.push(part);
  }
  return '/' + parts.join('/');
}

/** An ETag from a file's size and content, as "hex-hex". */
export function etag(content: string): string {
  let hash = 0;
  for (let i = 0; i < content.length; i++) hash = (hash * 31 + content.charCodeAt(i)) >>> 0;
  return `"${hash.toString(16)}-${Buffer.byteLength(content).toString(16)}"`;
}
