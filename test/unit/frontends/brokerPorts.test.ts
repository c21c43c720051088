// The ports of message brokers, read alike by both front ends: an MSK cluster's from its client authentication
// and encryption in transit (9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098 IAM; several enabled leave it
// open), an Amazon MQ broker's from its engine in either case the API accepts.

import * as assert from 'node:assert/strict';
import { isKnown, type Maybe } from '../../../server/src/model/origin';
import { mskClientPort } from '../../../server/src/frontends/mskPort';
import { analyseWorkspace } from '../support/analyseWorkspace';

const portOf = (files: Record<string, string>, address: string): string => {
  const run = analyseWorkspace(files, 'eu-west-1');
  const t = run.model.all('target').find((o) => o.address === address);
  if (t === undefined) return 'missing';
  return isKnown(t.port) ? String(t.port) : `unknown: ${t.port.reason}`;
};
const show = (p: Maybe<number>): string => (isKnown(p) ? String(p) : `unknown: ${p.reason}`);

const tfMsk = (auth: string, transit = ''): Record<string, string> => ({
  '/w/main.tf': `provider "aws" { region = "eu-west-1" }
resource "aws_msk_cluster" "k" {
  cluster_name           = "k"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-0a", "subnet-0b"]
    security_groups = ["sg-0a"]
  }
${auth}${transit}}
`,
});

const cfnMsk = (auth: string): Record<string, string> => ({
  '/w/template.yaml': `Resources:
  Kafka:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: k
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 2
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-0a, subnet-0b]
        SecurityGroups: [sg-0a]
${auth}`,
});

describe('broker ports (P2)', () => {
  it('MSK: one enabled listener decides the port, several leave it open', () => {
    const base = { iam: false, scram: false, mutualTls: false, unauthenticated: undefined, clientBroker: undefined } as const;
    assert.equal(show(mskClientPort(base)), '9094');
    assert.equal(show(mskClientPort({ ...base, iam: true })), '9098');
    assert.equal(show(mskClientPort({ ...base, scram: true })), '9096');
    assert.equal(show(mskClientPort({ ...base, clientBroker: 'PLAINTEXT' })), '9092');
    assert.equal(show(mskClientPort({ ...base, mutualTls: true })), '9094');
    assert.match(show(mskClientPort({ ...base, iam: true, scram: true })), /^unknown: its brokers listen on 9096, 9098/);
    assert.match(show(mskClientPort({ ...base, clientBroker: 'TLS_PLAINTEXT' })), /^unknown: its brokers listen on 9092, 9094/);
    assert.match(show(mskClientPort({ ...base, iam: true, unauthenticated: true })), /^unknown: its brokers listen on 9094, 9098/);
  });

  it('Terraform MSK: a default cluster is TLS on 9094 (it was always 9098), IAM 9098, IAM and SCRAM open', () => {
    assert.equal(portOf(tfMsk(''), 'aws_msk_cluster.k'), '9094');
    assert.equal(portOf(tfMsk('  client_authentication {\n    sasl {\n      iam = true\n    }\n  }\n'), 'aws_msk_cluster.k'), '9098');
    assert.equal(portOf(tfMsk('  client_authentication {\n    sasl {\n      scram = true\n    }\n  }\n'), 'aws_msk_cluster.k'), '9096');
    assert.match(portOf(tfMsk('  client_authentication {\n    sasl {\n      iam   = true\n      scram = true\n    }\n  }\n'), 'aws_msk_cluster.k'), /^unknown: its brokers listen on 9096, 9098/);
    assert.equal(portOf(tfMsk('', '  encryption_info {\n    encryption_in_transit {\n      client_broker = "PLAINTEXT"\n    }\n  }\n'), 'aws_msk_cluster.k'), '9092');
  });

  it('CloudFormation MSK: the same ports (IAM and SCRAM together were 9098)', () => {
    assert.equal(portOf(cfnMsk(''), 'Kafka'), '9094');
    assert.equal(portOf(cfnMsk('      ClientAuthentication:\n        Sasl:\n          Iam:\n            Enabled: true\n'), 'Kafka'), '9098');
    assert.match(portOf(cfnMsk('      ClientAuthentication:\n        Sasl:\n          Iam:\n            Enabled: true\n          Scram:\n            Enabled: true\n'), 'Kafka'), /^unknown: its brokers listen on 9096, 9098/);
    assert.equal(portOf(cfnMsk('      ClientAuthentication:\n        Tls:\n          CertificateAuthorityArnList: [arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/x]\n'), 'Kafka'), '9094');
  });

  it('Terraform Amazon MQ: the engine in either case', () => {
    const mq = (engine: string): Record<string, string> => ({
      '/w/main.tf': `provider "aws" { region = "eu-west-1" }
resource "aws_mq_broker" "b" {
  broker_name        = "b"
  engine_type        = "${engine}"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"
  subnet_ids         = ["subnet-0a"]
  security_groups    = ["sg-0a"]
}
`,
    });
    assert.equal(portOf(mq('RabbitMQ'), 'aws_mq_broker.b'), '5671');
    assert.equal(portOf(mq('RABBITMQ'), 'aws_mq_broker.b'), '5671');
    assert.equal(portOf(mq('ACTIVEMQ'), 'aws_mq_broker.b'), '61617');
  });
});
