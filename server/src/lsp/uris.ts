// Document URIs ↔ model paths (absolute, '/' separators). Only file: URIs map to paths; untitled
// documents get a stable pseudo path so they can still be analysed on their own.

import { fileURLToPath, pathToFileURL } from 'node:url';

export function uriToPath(uri: string): string {
  const registered = registeredPaths.get(uri);
  if (registered) return registered;
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
const registeredPaths = new Map<string, string>();

export function pathToUri(path: string): string {
  const known = untitled.get(path);
  if (known) return known;
  return pathToFileURL(path).toString();
}

const extensionOf: Readonly<Record<string, string>> = { terraform: '.tf', 'terraform-vars': '.tfvars', yaml: '.yaml', json: '.json' };

/**
 * Remembers the URI of a non-file document so diagnostics go back to it. An unsaved document's name has no
 * extension ("Untitled-1"), so its language decides how it is read.
 */
export function registerUri(uri: string, languageId?: string): string {
  let path = uriToPath(uri);
  if (!uri.startsWith('file:')) {
    const ext = languageId ? extensionOf[languageId] : undefined;
    if (ext && !/\.(tf|tfvars|ya?ml|json|template)$/i.test(path)) path += ext;
    untitled.set(path, uri);
    registeredPaths.set(uri, path);
  }
  return path;
}


