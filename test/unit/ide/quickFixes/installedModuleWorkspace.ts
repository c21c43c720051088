// The workspace of the installed-module quick-fix tests (unit, language server in process, and the real editor): a
// Lambda function whose only security group comes from `module "sg"`, declared without egress, so
// SG_NO_EGRESS fires and its fix belongs in the module's code.

/** A root module whose Lambda function uses the security group of `module "sg"` (declared by `call`). */
export function rootModule(call: string): string {
  return `resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.v.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
${call}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "f.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [module.sg.id]
  }
}
`;
}

/** The module: a group without egress (Terraform drops AWS's default allow-all egress). */
export const sgModule = `variable "vpc_id" {
  type = string
}
resource "aws_security_group" "this" {
  vpc_id = var.vpc_id
}
output "id" {
  value = aws_security_group.this.id
}
`;

/** The call of the registry module, and the manifest `terraform init` writes for it (.terraform/modules/modules.json). */
export const registryCall = 'module "sg" {\n  source  = "acme/sg/aws"\n  version = "~> 5.0"\n  vpc_id  = aws_vpc.v.id\n}';
export const registryManifest = JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'sg', Source: 'registry.terraform.io/acme/sg/aws', Version: '5.3.0', Dir: '.terraform/modules/sg' }] });

/** The call of a local module at `source`. */
export const localCall = (source: string): string => `module "sg" {\n  source = "${source}"\n  vpc_id = aws_vpc.v.id\n}`;
