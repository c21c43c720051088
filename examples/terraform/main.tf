# An orders service: three Lambda functions in a VPC with a PostgreSQL database.
# Open this folder in VS Code with Hyperplane Lens to see what each function can reach.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

locals {
  azs  = ["${var.region}a", "${var.region}b"]
  tags = { Project = "orders" }
}
