resource "aws_db_subnet_group" "orders" {
  name       = "orders"
  subnet_ids = [for s in aws_subnet.data : s.id]
}

resource "aws_db_instance" "orders" {
  identifier             = "orders"
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  allocated_storage      = 20
  db_subnet_group_name   = aws_db_subnet_group.orders.name
  vpc_security_group_ids = [aws_security_group.db.id]
  username               = "orders"
  manage_master_user_password = true
  skip_final_snapshot    = true
}

resource "aws_s3_bucket" "reports" {
  bucket = "orders-reports-example"
}

resource "aws_sqs_queue" "orders" {
  name = "orders"
}
