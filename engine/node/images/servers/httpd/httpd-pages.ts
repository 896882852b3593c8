// The pages Apache httpd's Docker image shows: its default index, its error documents and mod_autoindex listings.

export const httpdIndexPage = '<html><body><h1>It works!</h1></body></html>\n';

const errors: Record<number, [string, string]> = {
  400: ['Bad Request', 'Your browser sent a request that this server could not understand.<br />\n'],
  403: ['Forbidden', "You don't have permission to access this resource."],
  404: ['Not Found', 'The requested URL was not found on this server.'],
  405: ['Method Not Allowed', 'The requested method is not allowed for this URL.'],
};

export function httpdErrorPage(status: number, location?: string): string {
  const [title, text] =
    status === 301
      ? ['Moved Permanently', `The document has moved <a href="${location}">here</a>.`]
      : (errors[status] ?? ['Error', '']);
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${text}</p>\n</body></html>\n`;
}

/** mod_autoindex's plain listing (FancyIndexing off, as the image's httpd.conf leaves it). */
export function httpdIndexOf(path: string, names: string[]): string {
  const items = names.map((name) => `<li><a href="${name}"> ${name}</a></li>\n`).join('');
  const parent = path.replace(/[^/]+\/$/, '');
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n  <title>Index of ${path.replace(/\/$/, '') || '/'}</title>\n </head>\n <body>\n<h1>Index of ${path.replace(/\/$/, '') || '/'}</h1>\n<ul><li><a href="${parent}"> Parent Directory</a></li>\n${items}</ul>\n</body></html>\n`;
}
