// A mount target in the function's own subnet (Lamaalmassry/Terraform-champs week10: one subnet without an
// availability_zone): a subnet lies in one AZ, so that mount target serves the function's AZ whatever it is
// (P13), and the file system is reachable rather than "cannot tell which mount target serves".

import * as assert from 'node:assert/strict';
import { analyseWorkspace } from '../support/analyseWorkspace';
import { packaged, provider, vpc } from '../support/terraformPieces';

const workspace = provider('us-east-1') + vpc() + `
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 2049
    to_port     = 2049
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_efs_file_system" "efs" {}
resource "aws_efs_mount_target" "m" {
  file_system_id  = aws_efs_file_system.efs.id
  subnet_id       = aws_subnet.s.id
  security_groups = [aws_security_group.sg.id]
}
resource "aws_efs_access_point" "ap" {
  file_system_id = aws_efs_file_system.efs.id
}
resource "aws_lambda_function" "f" {
  function_name = "f"
${packaged.map((a) => `  ${a}`).join('\n')}
  file_system_config {
    arn              = aws_efs_access_point.ap.arn
    local_mount_path = "/mnt/efs"
  }
  vpc_config {
    subnet_ids         = [aws_subnet.s.id]
    security_group_ids = [aws_security_group.sg.id]
  }
}
`;

describe('wild: a mount target in the function subnet', () => {
  it('serves the function whatever the subnet AZ', () => {
    const run = analyseWorkspace({ '/w/main.tf': workspace });
    const fn = run.result.functions.find((f) => f.function.endsWith('aws_lambda_function.f'));
    const efs = fn?.reach.find((r) => r.destination.endsWith('aws_efs_file_system.efs'));
    assert.equal(efs?.status, 'yes');
  });
});
