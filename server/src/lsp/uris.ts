// Document URIs ↔ model paths (absolute, '/' separators). Only file: URIs map to paths; untitled
// documents get a stable pseudo path so they can still be analysed on their own.

import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri).split('\\').join('/');
    } catch {
      return uri;
    }
  }
  // untitled:Untitled-1 → keep the scheme so it never collides with a real file.
  return `/${uri.replace(/[:]/g, '_')}`;
}

const untitled = new Map<string, string>();

export function pathToUri(path: string): string {
  const known = untitled.get(path);
  if (known) return known;
  return pathToFileURL(path).toString();
}

/** Remembers the URI of a non-file document so diagnostics go back to it. */
export function registerUri(uri: string): string {
  const path = uriToPath(uri);
  if (!uri.startsWith('file:')) untitled.set(path, uri);
  return path;
}
