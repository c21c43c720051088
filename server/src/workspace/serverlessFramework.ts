// Serverless Framework services: serverless.yml declares functions in the framework's own format, which
// Hyperplane Lens does not read; `serverless package` writes the CloudFormation it deploys to .serverless/,
// which it reads like any template. A service without that output gets one note saying so, rather than a
// silent "0 functions".

import type { Problem } from '../model/origin';

/** The template `serverless package` writes next to serverless.yml. */
export const PACKAGED_TEMPLATE = '.serverless/cloudformation-template-update-stack.json';

const SERVICE_FILE = /(?:^|\/)serverless\.ya?ml$/;
/** The top-level `functions:` key of a service (YAML allows no indentation before a top-level key). */
const FUNCTIONS_KEY = /^functions[ \t]*:/m;

/** The note for a serverless.yml declaring functions whose packaged template is not in the workspace, if any. */
export function serverlessNotice(path: string, text: string, hasFile: (path: string) => boolean): Problem | undefined {
  if (!SERVICE_FILE.test(path)) return undefined;
  const key = FUNCTIONS_KEY.exec(text);
  if (key === null) return undefined;
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  if (hasFile(`${dir}${PACKAGED_TEMPLATE}`)) return undefined;
  return {
    code: 'serverless-not-packaged',
    severity: 'information',
    message: `The functions of this Serverless Framework service are not analysed: Hyperplane Lens reads the CloudFormation that \`serverless package\` writes to ${PACKAGED_TEMPLATE}. Run it and keep that file in the workspace.`,
    file: path,
    span: { start: key.index, end: key.index + 'functions'.length },
  };
}
