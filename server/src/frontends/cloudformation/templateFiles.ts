// The file names a CloudFormation template may have. A name only makes a file a candidate: it is a template
// only if its content says so (stacks.ts looksLikeTemplate).

/**
 * Extensions only CloudFormation uses, with JSON or YAML inside (the first significant character decides):
 * `.template` is the AWS samples' and the console's; `.cform` a community one (gford1000-aws uses it in
 * every repository).
 */
export const TEMPLATE_ONLY_EXTENSIONS: readonly string[] = ['.template', '.cform'];

/** Every extension a template may have; nested stacks resolve only to these. */
export const TEMPLATE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json', ...TEMPLATE_ONLY_EXTENSIONS];
