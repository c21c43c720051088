// The project's public home: the one place web links (rule pages in SARIF and hovers, the tool's information
// URI) are built from. package.json's `repository`, `bugs` and `homepage` name the same place, and a unit test
// keeps the two in step. It is a reserved placeholder (example.invalid) until the project is published: a
// link to an address nobody owns is better than one to an address somebody else might.

export const PROJECT_HOME = 'https://example.invalid/hyperplane-lens';

/** The web address of a file of the repository's main branch (`docs/rules/` → its folder). */
export function repositoryFileUri(pathInRepository: string): string {
  return `${PROJECT_HOME}/blob/main/${pathInRepository}`;
}
