resource "aws_iam_role" "lambda" {
  name = "orders-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "vpc_access" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# Takes orders and calls the payment provider on the internet: works in one AZ only.
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/orders.zip"

  vpc_config {
    subnet_ids         = [aws_subnet.app_a.id, aws_subnet.app_b.id]
    security_group_ids = [aws_security_group.app.id]
  }

  environment {
    variables = {
      DB_HOST     = aws_db_instance.orders.address
      PAYMENT_API = "https://api.payments.example.com"
    }
  }
}

# Same subnets and security group as orders: the two share Hyperplane ENIs.
resource "aws_lambda_function" "audit" {
  function_name = "audit"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "audit.handler"
  filename      = "build/audit.zip"

  vpc_config {
    subnet_ids         = [aws_subnet.app_a.id, aws_subnet.app_b.id]
    security_group_ids = [aws_security_group.app.id]
  }

  environment {
    variables = {
      DB_HOST = aws_db_instance.orders.address
    }
  }
}

# Writes reports to S3 from the isolated data subnets, and reads the database with the wrong security group.
resource "aws_lambda_function" "reports" {
  function_name = "reports"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "reports.handler"
  filename      = "build/reports.zip"

  vpc_config {
    subnet_ids         = [for s in aws_subnet.data : s.id]
    security_group_ids = [aws_security_group.reports.id]
  }

  environment {
    variables = {
      BUCKET  = aws_s3_bucket.reports.bucket
      DB_HOST = aws_db_instance.orders.address
    }
  }
}
