// Benchmark workspace generator: realistic synthetic Terraform and CloudFormation/SAM (YAML plus a JSON twin)
// with an exact, seeded resource count. Library (generateTerraform, generateCloudFormation) and CLI:
//   node scripts/bench/generate.mjs --size 10000 --out DIR [--kind tf|cfn|both] [--seed N]
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32): the same (size, seed) always yields byte-identical workspaces.

function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

const TEAMS = ['payments', 'orders', 'identity', 'search', 'billing', 'catalog', 'ledger', 'shipping', 'inventory', 'analytics', 'notify', 'risk', 'pricing', 'profile', 'media', 'reports'];
const STAGES = ['dev', 'staging', 'prod', 'sandbox', 'qa'];
const VPC_ROLES = ['core', 'data', 'edge', 'batch', 'ml', 'shared', 'ingest', 'api'];
const FUNCTION_ROLES = ['ingest', 'resize', 'export', 'notify', 'sync', 'audit', 'router', 'worker', 'cleanup', 'enrich', 'scorer', 'webhook'];
const REGIONS = [
  ['eu-west-1', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
  ['us-east-1', ['us-east-1a', 'us-east-1b', 'us-east-1c']],
  ['us-west-2', ['us-west-2a', 'us-west-2b', 'us-west-2c']],
  ['eu-central-1', ['eu-central-1a', 'eu-central-1b', 'eu-central-1c']],
];
const RUNTIMES = ['python3.12', 'nodejs20.x', 'java21', 'python3.11', 'nodejs22.x'];
const INTERFACE_SERVICES = ['sqs', 'secretsmanager', 'logs', 'kms', 'sts', 'ssm', 'sns', 'ecr.api'];
const AZ_LETTERS = ['a', 'b', 'c'];

const upperFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const pascal = (s) => s.split(/[-_]/).map(upperFirst).join('');

// ---------------------------------------------------------------------------------------------------------
// HCL rendering. Values: a string is a one-line expression; { obj: [[key, value]…] } a multi-line object;
// { list: [value…] } a multi-line tuple; { call, args, last } a call whose last argument spans lines;
// { heredoc, lines } a heredoc. Lines carry their `=` cell separately so that consecutive one-line
// attributes are aligned exactly as `terraform fmt` (hclwrite) aligns them.

const obj = (entries) => ({ obj: entries });
const list = (items) => ({ list: items });
const call = (fn, args, last) => ({ call: fn, args, last });
const heredoc = (marker, lines) => ({ heredoc: marker, lines });
const q = (s) => `"${s}"`;

function renderValueLines(out, indent, lead, value, suffix) {
  if (typeof value === 'string') {
    if (lead === null) out.push({ text: indent + value + suffix });
    else out.push({ lead: indent + lead, assign: '= ' + value + suffix });
    return;
  }
  const prefix = lead === null ? indent : `${indent}${lead} = `;
  if ('heredoc' in value) {
    out.push({ lead: indent + lead, assign: `= <<${value.heredoc}` });
    for (const line of value.lines) out.push({ text: line, raw: true });
    out.push({ text: (value.heredoc.startsWith('-') ? indent : '') + value.heredoc.replace(/^-/, ''), raw: true });
    return;
  }
  if ('obj' in value) {
    out.push({ text: prefix + '{' });
    renderBody(out, indent + '  ', value.obj);
    out.push({ text: indent + '}' + suffix });
    return;
  }
  if ('list' in value) {
    out.push({ text: prefix + '[' });
    for (const item of value.list) renderValueLines(out, indent + '  ', null, item, ',');
    out.push({ text: indent + ']' + suffix });
    return;
  }
  // A call whose last argument is a multi-line object or tuple: `merge(local.tags, {` … `})`.
  const head = [...value.args, ''].join(', ');
  const open = 'obj' in value.last ? '{' : '[';
  const close = open === '{' ? '}' : ']';
  out.push({ text: `${prefix}${value.call}(${head}${open}` });
  if ('obj' in value.last) renderBody(out, indent + '  ', value.last.obj);
  else for (const item of value.last.list) renderValueLines(out, indent + '  ', null, item, ',');
  out.push({ text: `${indent}${close})${suffix}` });
}

/** Body items: [key, value] attributes, { block: header, body } nested blocks, '' blank lines, { comment }. */
function renderBody(out, indent, items) {
  for (const item of items) {
    if (item === '') out.push({ text: '' });
    else if (Array.isArray(item)) renderValueLines(out, indent, item[0], item[1], '');
    else if ('comment' in item) out.push({ text: `${indent}# ${item.comment}` });
    else {
      out.push({ text: `${indent}${item.block} {` });
      renderBody(out, indent + '  ', item.body);
      out.push({ text: `${indent}}` });
    }
  }
}

/** Aligns the `=` of each run of consecutive one-line attributes (hclwrite's formatCells). */
function alignLines(lines) {
  const result = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].assign === undefined) {
      result.push(lines[i].text);
      i++;
      continue;
    }
    let j = i;
    let width = 0;
    while (j < lines.length && lines[j].assign !== undefined) {
      width = Math.max(width, lines[j].lead.length);
      j++;
    }
    for (let k = i; k < j; k++) result.push(lines[k].lead.padEnd(width + 1) + lines[k].assign);
    i = j;
  }
  return result.join('\n');
}

/** A .tf file from top-level blocks ({ block, body } or { comment }), separated by blank lines. */
function renderHclFile(blocks) {
  const out = [];
  blocks.forEach((b, index) => {
    if (index > 0 && !(blocks[index - 1].comment !== undefined)) out.push({ text: '' });
    renderBody(out, '', [b]);
  });
  return alignLines(out) + '\n';
}

const resource = (type, name, body) => ({ block: `resource ${q(type)} ${q(name)}`, body });

// ---------------------------------------------------------------------------------------------------------
// Terraform: environments (one root module per folder) built from VPC bundles, plus local modules.

function tfTags(rnd, name, extra = []) {
  if (rnd.chance(0.5)) return ['tags', call('merge', ['local.common_tags'], obj([['Name', name], ...extra]))];
  return ['tags', obj([['Name', name], ['Environment', 'var.environment'], ['Team', 'var.team'], ...extra])];
}

function iamAssumeRole(rnd, service) {
  if (rnd.chance(0.5)) {
    return ['assume_role_policy', heredoc('EOF', [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      `      "Principal": { "Service": "${service}" },`,
      '      "Action": "sts:AssumeRole"',
      '    }',
      '  ]',
      '}',
    ])];
  }
  return ['assume_role_policy', call('jsonencode', [], obj([
    ['Version', q('2012-10-17')],
    ['Statement', list([obj([['Effect', q('Allow')], ['Principal', `{ Service = ${q(service)} }`], ['Action', q('sts:AssumeRole')]])])],
  ]))];
}

/**
 * One VPC with everything around it. Returns { files: {name: blocks[]}, count, variables, outputs, locals }.
 * `style` varies how subnets are written: explicit blocks per AZ, count, or for_each over a map.
 */
function tfVpcBundle(rnd, env, v, vpcIndex) {
  const azCount = rnd.chance(0.6) ? 3 : 2;
  const style = rnd.pick(['explicit', 'count', 'count', 'for_each']);
  const nat = rnd.pick(['per-az', 'single', 'single', 'none']);
  const second = 10 + ((env.index * 8 + vpcIndex) % 240);
  const cidrVar = `${v}_cidr`;
  const azsLocal = `local.${v}_azs`;
  const net = [];
  const sec = [];
  const apps = [];
  let count = 0;
  const add = (target, block, instances = 1) => {
    target.push(block);
    count += instances;
  };
  const variables = [
    { block: `variable ${q(cidrVar)}`, body: [['description', q(`CIDR block of the ${v} VPC.`)], ['type', 'string'], ['default', q(`10.${second}.0.0/16`)]] },
  ];
  const locals = [[`${v}_azs`, `slice(var.azs, 0, ${azCount})`]];

  add(net, resource('aws_vpc', v, [
    ['cidr_block', `var.${cidrVar}`], ['enable_dns_support', 'true'], ['enable_dns_hostnames', 'true'], '', tfTags(rnd, `"\${local.name_prefix}-${v}"`),
  ]));
  add(net, resource('aws_internet_gateway', v, [['vpc_id', `aws_vpc.${v}.id`], '', tfTags(rnd, `"\${local.name_prefix}-${v}-igw"`)]));

  // Subnets: reference forms differ by style, so every consumer asks these helpers.
  const subnetRef = {};
  const subnetList = {};
  const subnetAt = {};
  for (const [tier, offset, isPublic] of [['public', 0, true], ['private', 8, false]]) {
    const name = `${v}_${tier}`;
    const common = [['vpc_id', `aws_vpc.${v}.id`]];
    const pub = isPublic ? [['map_public_ip_on_launch', 'true']] : [];
    if (style === 'explicit') {
      for (let i = 0; i < azCount; i++) {
        add(net, resource('aws_subnet', `${name}_${AZ_LETTERS[i]}`, [
          ...common,
          ['cidr_block', `cidrsubnet(aws_vpc.${v}.cidr_block, 8, ${offset + i})`],
          ['availability_zone', `var.azs[${i}]`],
          ...pub,
          '',
          tfTags(rnd, `"\${local.name_prefix}-${v}-${tier}-${AZ_LETTERS[i]}"`, [['Tier', q(tier)]]),
        ]));
      }
      subnetList[tier] = `[${Array.from({ length: azCount }, (_, i) => `aws_subnet.${name}_${AZ_LETTERS[i]}.id`).join(', ')}]`;
      subnetAt[tier] = (i) => `aws_subnet.${name}_${AZ_LETTERS[i]}.id`;
    } else if (style === 'count') {
      add(net, resource('aws_subnet', name, [
        ['count', `length(${azsLocal})`],
        '',
        ...common,
        ['cidr_block', `cidrsubnet(var.${cidrVar}, 8, count.index + ${offset})`],
        ['availability_zone', `${azsLocal}[count.index]`],
        ...pub,
        '',
        tfTags(rnd, `"\${local.name_prefix}-${v}-${tier}-\${count.index}"`, [['Tier', q(tier)]]),
      ]), azCount);
      subnetList[tier] = `aws_subnet.${name}[*].id`;
      subnetAt[tier] = (i) => `aws_subnet.${name}[${i}].id`;
    } else {
      locals.push([`${name}_subnets`, `{ for i, az in ${azsLocal} : az => cidrsubnet(var.${cidrVar}, 8, i + ${offset}) }`]);
      add(net, resource('aws_subnet', name, [
        ['for_each', `local.${name}_subnets`],
        '',
        ...common,
        ['cidr_block', 'each.value'],
        ['availability_zone', 'each.key'],
        ...pub,
        '',
        tfTags(rnd, `"\${local.name_prefix}-${v}-${tier}-\${each.key}"`, [['Tier', q(tier)]]),
      ]), azCount);
      subnetList[tier] = `[for s in aws_subnet.${name} : s.id]`;
      subnetAt[tier] = (i) => `aws_subnet.${name}[${azsLocal}[${i}]].id`;
    }
    subnetRef[tier] = name;
  }

  // Public routing.
  const inlineRoute = rnd.chance(0.5);
  add(net, resource('aws_route_table', `${v}_public`, [
    ['vpc_id', `aws_vpc.${v}.id`],
    ...(inlineRoute ? ['', { block: 'route', body: [['cidr_block', q('0.0.0.0/0')], ['gateway_id', `aws_internet_gateway.${v}.id`]] }] : []),
    '',
    tfTags(rnd, `"\${local.name_prefix}-${v}-public"`),
  ]));
  if (!inlineRoute) {
    add(net, resource('aws_route', `${v}_public_internet`, [
      ['route_table_id', `aws_route_table.${v}_public.id`], ['destination_cidr_block', q('0.0.0.0/0')], ['gateway_id', `aws_internet_gateway.${v}.id`],
    ]));
  }
  const associate = (tier, tableRef) => {
    if (style === 'explicit') {
      for (let i = 0; i < azCount; i++) {
        add(net, resource('aws_route_table_association', `${v}_${tier}_${AZ_LETTERS[i]}`, [['subnet_id', subnetAt[tier](i)], ['route_table_id', tableRef(i)]]));
      }
    } else if (style === 'count') {
      add(net, resource('aws_route_table_association', `${v}_${tier}`, [
        ['count', `length(aws_subnet.${subnetRef[tier]})`], '', ['subnet_id', `aws_subnet.${subnetRef[tier]}[count.index].id`], ['route_table_id', tableRef('count.index')],
      ]), azCount);
    } else {
      add(net, resource('aws_route_table_association', `${v}_${tier}`, [
        ['for_each', `aws_subnet.${subnetRef[tier]}`], '', ['subnet_id', 'each.value.id'], ['route_table_id', tableRef('each.key')],
      ]), azCount);
    }
  };
  associate('public', () => `aws_route_table.${v}_public.id`);

  // NAT gateways and private routing (one route table per AZ).
  const natCount = nat === 'per-az' ? azCount : nat === 'single' ? 1 : 0;
  if (natCount > 0) {
    const counted = natCount > 1;
    add(net, resource('aws_eip', `${v}_nat`, [
      ...(counted ? [['count', String(natCount)], ''] : []), ['domain', q('vpc')], '', tfTags(rnd, `"\${local.name_prefix}-${v}-nat${counted ? '-${count.index}' : ''}"`),
    ]), natCount);
    add(net, resource('aws_nat_gateway', v, [
      ...(counted ? [['count', String(natCount)], ''] : []),
      ['allocation_id', `aws_eip.${v}_nat${counted ? '[count.index]' : ''}.id`],
      ['subnet_id', counted ? (style === 'for_each' ? `aws_subnet.${v}_public[${azsLocal}[count.index]].id` : style === 'count' ? `aws_subnet.${v}_public[count.index].id` : `${subnetList.public}[count.index]`) : subnetAt.public(0)],
      '',
      tfTags(rnd, `"\${local.name_prefix}-${v}-nat"`),
      '',
      ['depends_on', `[aws_internet_gateway.${v}]`],
    ]), natCount);
  }
  const natRef = (i) => (natCount > 1 ? `aws_nat_gateway.${v}[${i}].id` : `aws_nat_gateway.${v}.id`);
  if (style === 'explicit') {
    for (let i = 0; i < azCount; i++) {
      add(net, resource('aws_route_table', `${v}_private_${AZ_LETTERS[i]}`, [
        ['vpc_id', `aws_vpc.${v}.id`],
        ...(natCount > 0 ? ['', { block: 'route', body: [['cidr_block', q('0.0.0.0/0')], ['nat_gateway_id', natRef(natCount > 1 ? i : 0)]] }] : []),
        '',
        tfTags(rnd, `"\${local.name_prefix}-${v}-private-${AZ_LETTERS[i]}"`),
      ]));
    }
    associate('private', (i) => `aws_route_table.${v}_private_${AZ_LETTERS[i]}.id`);
  } else {
    add(net, resource('aws_route_table', `${v}_private`, [
      ['count', `length(${azsLocal})`],
      ['vpc_id', `aws_vpc.${v}.id`],
      '',
      tfTags(rnd, `"\${local.name_prefix}-${v}-private-\${count.index}"`),
    ]), azCount);
    if (natCount > 0) {
      add(net, resource('aws_route', `${v}_private_nat`, [
        ['count', `length(${azsLocal})`],
        '',
        ['route_table_id', `aws_route_table.${v}_private[count.index].id`],
        ['destination_cidr_block', q('0.0.0.0/0')],
        ['nat_gateway_id', natCount > 1 ? `aws_nat_gateway.${v}[count.index].id` : `aws_nat_gateway.${v}.id`],
      ]), azCount);
    }
    if (style === 'count') associate('private', (i) => `aws_route_table.${v}_private[${i}].id`);
    else associate('private', () => `aws_route_table.${v}_private[index(${azsLocal}, each.key)].id`);
  }
  const privateTables = style === 'explicit'
    ? `[${Array.from({ length: azCount }, (_, i) => `aws_route_table.${v}_private_${AZ_LETTERS[i]}.id`).join(', ')}]`
    : `aws_route_table.${v}_private[*].id`;

  // Gateway endpoints (S3 always, DynamoDB mostly) on the private route tables.
  const gatewayEndpoint = (service) => add(net, resource('aws_vpc_endpoint', `${v}_${service}`, [
    ['vpc_id', `aws_vpc.${v}.id`],
    ['service_name', `"com.amazonaws.\${var.region}.${service}"`],
    ['vpc_endpoint_type', q('Gateway')],
    ['route_table_ids', rnd.chance(0.8) ? privateTables : `concat(${privateTables}, [aws_route_table.${v}_public.id])`],
    '',
    tfTags(rnd, `"\${local.name_prefix}-${v}-${service}"`),
  ]));
  gatewayEndpoint('s3');
  if (rnd.chance(0.7)) gatewayEndpoint('dynamodb');

  // Security groups: Lambda, database, endpoints; inline and standalone rules referencing each other.
  add(sec, resource('aws_security_group', `${v}_lambda`, [
    ['name', `"\${local.name_prefix}-${v}-lambda"`],
    ['description', q('Lambda functions')],
    ['vpc_id', `aws_vpc.${v}.id`],
    '',
    { block: 'egress', body: [['from_port', '0'], ['to_port', '0'], ['protocol', q('-1')], ['cidr_blocks', '["0.0.0.0/0"]']] },
    '',
    tfTags(rnd, `"\${local.name_prefix}-${v}-lambda"`),
  ]));
  add(sec, resource('aws_security_group', `${v}_db`, [
    ['name', `"\${local.name_prefix}-${v}-db"`],
    ['description', q('Databases and file systems')],
    ['vpc_id', `aws_vpc.${v}.id`],
    '',
    { block: 'ingress', body: [['description', q('PostgreSQL from Lambda')], ['from_port', '5432'], ['to_port', '5432'], ['protocol', q('tcp')], ['security_groups', `[aws_security_group.${v}_lambda.id]`]] },
    '',
    tfTags(rnd, `"\${local.name_prefix}-${v}-db"`),
  ]));
  add(sec, resource('aws_security_group_rule', `${v}_db_nfs_from_lambda`, [
    ['type', q('ingress')], ['from_port', '2049'], ['to_port', '2049'], ['protocol', q('tcp')],
    ['security_group_id', `aws_security_group.${v}_db.id`], ['source_security_group_id', `aws_security_group.${v}_lambda.id`],
  ]));
  add(sec, resource('aws_vpc_security_group_egress_rule', `${v}_db_to_vpc`, [
    ['security_group_id', `aws_security_group.${v}_db.id`], ['cidr_ipv4', `aws_vpc.${v}.cidr_block`], ['ip_protocol', q('-1')],
  ]));
  const interfaceCount = rnd.chance(0.5) ? rnd.int(1, 3) : 0;
  if (interfaceCount > 0) {
    add(sec, resource('aws_security_group', `${v}_endpoints`, [
      ['name_prefix', `"\${local.name_prefix}-${v}-vpce-"`],
      ['vpc_id', `aws_vpc.${v}.id`],
      '',
      { block: 'lifecycle', body: [['create_before_destroy', 'true']] },
    ]));
    add(sec, resource('aws_vpc_security_group_ingress_rule', `${v}_endpoints_https`, [
      ['security_group_id', `aws_security_group.${v}_endpoints.id`], ['referenced_security_group_id', `aws_security_group.${v}_lambda.id`],
      ['from_port', '443'], ['to_port', '443'], ['ip_protocol', q('tcp')],
    ]));
    const services = [...INTERFACE_SERVICES].sort(() => rnd.next() - 0.5).slice(0, interfaceCount);
    for (const service of services) {
      add(sec, resource('aws_vpc_endpoint', `${v}_${service.replace('.', '_')}`, [
        ['vpc_id', `aws_vpc.${v}.id`],
        ['service_name', `"com.amazonaws.\${var.region}.${service}"`],
        ['vpc_endpoint_type', q('Interface')],
        ['private_dns_enabled', 'true'],
        ['subnet_ids', subnetList.private],
        ['security_group_ids', `[aws_security_group.${v}_endpoints.id]`],
      ]));
    }
  }
  if (rnd.chance(0.35)) {
    add(sec, resource('aws_network_acl', `${v}_private`, [
      ['vpc_id', `aws_vpc.${v}.id`],
      ['subnet_ids', subnetList.private],
      '',
      { block: 'ingress', body: [['protocol', q('tcp')], ['rule_no', '100'], ['action', q('allow')], ['cidr_block', `aws_vpc.${v}.cidr_block`], ['from_port', '0'], ['to_port', '65535']] },
      '',
      { block: 'ingress', body: [['protocol', q('tcp')], ['rule_no', '200'], ['action', q('allow')], ['cidr_block', q('0.0.0.0/0')], ['from_port', '1024'], ['to_port', '65535']] },
      '',
      { block: 'egress', body: [['protocol', q('-1')], ['rule_no', '100'], ['action', q('allow')], ['cidr_block', q('0.0.0.0/0')], ['from_port', '0'], ['to_port', '0']] },
      '',
      tfTags(rnd, `"\${local.name_prefix}-${v}-private"`),
    ]));
    add(sec, resource('aws_network_acl_rule', `${v}_private_deny_ssh`, [
      ['network_acl_id', `aws_network_acl.${v}_private.id`], ['rule_number', '50'], ['egress', 'false'], ['protocol', q('tcp')],
      ['rule_action', q('deny')], ['cidr_block', q('0.0.0.0/0')], ['from_port', '22'], ['to_port', '22'],
    ]));
  }

  // Data stores.
  const hasDb = rnd.chance(0.5);
  if (hasDb) {
    add(apps, resource('aws_db_subnet_group', v, [['name', `"\${local.name_prefix}-${v}"`], ['subnet_ids', subnetList.private], '', tfTags(rnd, `"\${local.name_prefix}-${v}-db"`)]));
    add(apps, resource('aws_db_instance', v, [
      ['identifier', `"\${local.name_prefix}-${v}"`],
      ['engine', q('postgres')],
      ['engine_version', q('16.3')],
      ['instance_class', 'var.db_instance_class'],
      ['allocated_storage', '20'],
      ['db_subnet_group_name', `aws_db_subnet_group.${v}.name`],
      ['vpc_security_group_ids', `[aws_security_group.${v}_db.id]`],
      ['username', q('app')],
      ['manage_master_user_password', 'true'],
      ['multi_az', 'var.environment == "prod"'],
      ['skip_final_snapshot', 'var.environment != "prod"'],
      '',
      tfTags(rnd, `"\${local.name_prefix}-${v}-db"`),
    ]));
  }
  const hasEfs = rnd.chance(0.3);
  if (hasEfs) {
    add(apps, resource('aws_efs_file_system', v, [['encrypted', 'true'], ['creation_token', `"\${local.name_prefix}-${v}"`], '', tfTags(rnd, `"\${local.name_prefix}-${v}-efs"`)]));
    if (style === 'explicit') {
      for (let i = 0; i < azCount; i++) {
        add(apps, resource('aws_efs_mount_target', `${v}_${AZ_LETTERS[i]}`, [['file_system_id', `aws_efs_file_system.${v}.id`], ['subnet_id', subnetAt.private(i)], ['security_groups', `[aws_security_group.${v}_db.id]`]]));
      }
    } else {
      add(apps, resource('aws_efs_mount_target', v, [
        ['count', `length(${azsLocal})`], '', ['file_system_id', `aws_efs_file_system.${v}.id`], ['subnet_id', `${subnetList.private}[count.index]`], ['security_groups', `[aws_security_group.${v}_db.id]`],
      ]), azCount);
    }
    add(apps, resource('aws_efs_access_point', v, [
      ['file_system_id', `aws_efs_file_system.${v}.id`], '',
      { block: 'posix_user', body: [['uid', '1000'], ['gid', '1000']] }, '',
      { block: 'root_directory', body: [['path', q('/lambda')], '', { block: 'creation_info', body: [['owner_uid', '1000'], ['owner_gid', '1000'], ['permissions', q('750')]] }] },
    ]));
  }
  const table = `${v}_items`;
  add(apps, resource('aws_dynamodb_table', table, [
    ['name', `"\${local.name_prefix}-${v}-items"`], ['billing_mode', q('PAY_PER_REQUEST')], ['hash_key', q('pk')], ['range_key', q('sk')], '',
    { block: 'attribute', body: [['name', q('pk')], ['type', q('S')]] }, '',
    { block: 'attribute', body: [['name', q('sk')], ['type', q('S')]] }, '',
    { block: 'point_in_time_recovery', body: [['enabled', 'var.environment == "prod"']] }, '',
    tfTags(rnd, `"\${local.name_prefix}-${v}-items"`),
  ]));
  add(apps, resource('aws_s3_bucket', `${v}_artifacts`, [['bucket', `"\${local.name_prefix}-${v}-artifacts-\${var.account_suffix}"`], '', tfTags(rnd, `"\${local.name_prefix}-${v}-artifacts"`)]));
  add(apps, resource('aws_s3_bucket_versioning', `${v}_artifacts`, [['bucket', `aws_s3_bucket.${v}_artifacts.id`], '', { block: 'versioning_configuration', body: [['status', q('Enabled')]] }]));
  add(apps, resource('aws_sqs_queue', `${v}_dlq`, [['name', `"\${local.name_prefix}-${v}-dlq"`], ['message_retention_seconds', '1209600']]));
  add(apps, resource('aws_sqs_queue', `${v}_jobs`, [
    ['name', `"\${local.name_prefix}-${v}-jobs"`],
    ['visibility_timeout_seconds', '180'],
    ['redrive_policy', call('jsonencode', [], obj([['deadLetterTargetArn', `aws_sqs_queue.${v}_dlq.arn`], ['maxReceiveCount', '5']]))],
  ]));

  // Lambda functions, most in the VPC, some not; some mount EFS; one suppressed finding now and then.
  const functionCount = rnd.int(3, 6);
  for (let f = 0; f < functionCount; f++) {
    const fn = `${v}_${FUNCTION_ROLES[(vpcIndex * 3 + f) % FUNCTION_ROLES.length]}${f >= FUNCTION_ROLES.length ? f : ''}`;
    const inVpc = rnd.chance(0.75);
    add(apps, resource('aws_iam_role', fn, [['name', `"\${local.name_prefix}-${fn.replace(/_/g, '-')}"`], iamAssumeRole(rnd, 'lambda.amazonaws.com'), '', tfTags(rnd, `"\${local.name_prefix}-${fn}"`)]));
    add(apps, resource('aws_iam_role_policy_attachment', fn, [
      ['role', `aws_iam_role.${fn}.name`],
      ['policy_arn', inVpc ? q('arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole') : q('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
    ]));
    const policyBody = rnd.chance(0.5)
      ? ['policy', heredoc('POLICY', [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        `    { "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], "Resource": "\${aws_dynamodb_table.${table}.arn}" },`,
        `    { "Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"], "Resource": "\${aws_sqs_queue.${v}_jobs.arn}" },`,
        `    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "\${aws_s3_bucket.${v}_artifacts.arn}/*" }`,
        '  ]',
        '}',
      ])]
      : ['policy', call('jsonencode', [], obj([
        ['Version', q('2012-10-17')],
        ['Statement', list([
          obj([['Effect', q('Allow')], ['Action', '["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]'], ['Resource', `aws_dynamodb_table.${table}.arn`]]),
          obj([['Effect', q('Allow')], ['Action', '["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]'], ['Resource', `aws_sqs_queue.${v}_jobs.arn`]]),
          obj([['Effect', q('Allow')], ['Action', '["s3:GetObject", "s3:PutObject"]'], ['Resource', `"\${aws_s3_bucket.${v}_artifacts.arn}/*"`]]),
        ])],
      ]))];
    add(apps, resource('aws_iam_role_policy', fn, [['name', q('data-access')], ['role', `aws_iam_role.${fn}.id`], policyBody]));
    const mountEfs = hasEfs && inVpc && f === 0;
    const body = [
      ['function_name', `"\${local.name_prefix}-${fn.replace(/_/g, '-')}"`],
      ['role', `aws_iam_role.${fn}.arn`],
      ['handler', q('app.handler')],
      ['runtime', rnd.chance(0.7) ? 'var.lambda_runtime' : q(rnd.pick(RUNTIMES))],
      ['filename', `"\${path.module}/build/${fn}.zip"`],
      ['memory_size', String(rnd.pick([128, 256, 512, 1024]))],
      ['timeout', String(rnd.pick([10, 30, 60, 120]))],
      '',
      { block: 'environment', body: [['variables', obj([['TABLE_NAME', `aws_dynamodb_table.${table}.name`], ['QUEUE_URL', `aws_sqs_queue.${v}_jobs.url`], ['STAGE', 'var.environment']])]] },
    ];
    if (inVpc) {
      const oneAz = rnd.chance(0.1);
      if (oneAz) body.unshift({ comment: 'hyperplane-lens-ignore LAMBDA_SINGLE_AZ' });
      body.push('', { block: 'vpc_config', body: [['subnet_ids', oneAz ? `[${subnetAt.private(0)}]` : subnetList.private], ['security_group_ids', `[aws_security_group.${v}_lambda.id]`]] });
    }
    if (mountEfs) {
      body.push('', { block: 'file_system_config', body: [['arn', `aws_efs_access_point.${v}.arn`], ['local_mount_path', q('/mnt/data')]] });
      body.push('', ['depends_on', `[aws_efs_mount_target.${style === 'explicit' ? `${v}_a` : v}]`]);
    }
    body.push('', tfTags(rnd, `"\${local.name_prefix}-${fn}"`));
    add(apps, resource('aws_lambda_function', fn, body));
    add(apps, resource('aws_cloudwatch_log_group', fn, [['name', `"/aws/lambda/\${aws_lambda_function.${fn}.function_name}"`], ['retention_in_days', String(rnd.pick([7, 14, 30, 90]))]]));
  }

  const outputs = [
    { block: `output ${q(`${v}_vpc_id`)}`, body: [['value', `aws_vpc.${v}.id`]] },
    { block: `output ${q(`${v}_private_subnet_ids`)}`, body: [['value', subnetList.private]] },
  ];
  return { count, net, sec, apps, variables, outputs, locals, subnetList, v };
}

/** Resource instances one `module "network"` call creates (see the module's count expressions). */
function networkModuleCount(azCount, singleNat, dynamodb) {
  const nats = singleNat ? 1 : azCount;
  return 1 + 1 + 2 * azCount + 1 + azCount + 2 * nats + azCount + azCount + 1 + (dynamodb ? 1 : 0);
}

const NETWORK_MODULE = {
  'modules/network/main.tf': renderHclFile([
    { comment: 'Reusable VPC: public and private subnets per AZ, NAT, S3/DynamoDB gateway endpoints.' },
    resource('aws_vpc', 'this', [['cidr_block', 'var.cidr'], ['enable_dns_support', 'true'], ['enable_dns_hostnames', 'true'], '', ['tags', call('merge', ['var.tags'], obj([['Name', 'var.name']]))]]),
    resource('aws_internet_gateway', 'this', [['vpc_id', 'aws_vpc.this.id'], '', ['tags', call('merge', ['var.tags'], obj([['Name', '"${var.name}-igw"']]))]]),
    resource('aws_subnet', 'public', [
      ['count', 'length(var.azs)'], '', ['vpc_id', 'aws_vpc.this.id'], ['cidr_block', 'cidrsubnet(var.cidr, var.newbits, count.index)'], ['availability_zone', 'var.azs[count.index]'], ['map_public_ip_on_launch', 'true'], '',
      ['tags', call('merge', ['var.tags'], obj([['Name', '"${var.name}-public-${var.azs[count.index]}"']]))],
    ]),
    resource('aws_subnet', 'private', [
      ['count', 'length(var.azs)'], '', ['vpc_id', 'aws_vpc.this.id'], ['cidr_block', 'cidrsubnet(var.cidr, var.newbits, count.index + length(var.azs))'], ['availability_zone', 'var.azs[count.index]'], '',
      ['tags', call('merge', ['var.tags'], obj([['Name', '"${var.name}-private-${var.azs[count.index]}"']]))],
    ]),
    resource('aws_route_table', 'public', [['vpc_id', 'aws_vpc.this.id'], '', { block: 'route', body: [['cidr_block', q('0.0.0.0/0')], ['gateway_id', 'aws_internet_gateway.this.id']] }]),
    resource('aws_route_table_association', 'public', [['count', 'length(var.azs)'], '', ['subnet_id', 'aws_subnet.public[count.index].id'], ['route_table_id', 'aws_route_table.public.id']]),
    resource('aws_eip', 'nat', [['count', 'var.single_nat_gateway ? 1 : length(var.azs)'], ['domain', q('vpc')]]),
    resource('aws_nat_gateway', 'this', [['count', 'var.single_nat_gateway ? 1 : length(var.azs)'], '', ['allocation_id', 'aws_eip.nat[count.index].id'], ['subnet_id', 'aws_subnet.public[count.index].id']]),
    resource('aws_route_table', 'private', [
      ['count', 'length(var.azs)'], ['vpc_id', 'aws_vpc.this.id'], '',
      { block: 'route', body: [['cidr_block', q('0.0.0.0/0')], ['nat_gateway_id', 'aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id']] },
    ]),
    resource('aws_route_table_association', 'private', [['count', 'length(var.azs)'], '', ['subnet_id', 'aws_subnet.private[count.index].id'], ['route_table_id', 'aws_route_table.private[count.index].id']]),
    resource('aws_vpc_endpoint', 's3', [['vpc_id', 'aws_vpc.this.id'], ['service_name', '"com.amazonaws.${var.region}.s3"'], ['vpc_endpoint_type', q('Gateway')], ['route_table_ids', 'aws_route_table.private[*].id']]),
    resource('aws_vpc_endpoint', 'dynamodb', [['count', 'var.enable_dynamodb_endpoint ? 1 : 0'], '', ['vpc_id', 'aws_vpc.this.id'], ['service_name', '"com.amazonaws.${var.region}.dynamodb"'], ['vpc_endpoint_type', q('Gateway')], ['route_table_ids', 'aws_route_table.private[*].id']]),
  ]),
  'modules/network/variables.tf': renderHclFile([
    { block: 'variable "name"', body: [['type', 'string']] },
    { block: 'variable "region"', body: [['type', 'string']] },
    { block: 'variable "cidr"', body: [['type', 'string']] },
    { block: 'variable "azs"', body: [['type', 'list(string)']] },
    { block: 'variable "newbits"', body: [['type', 'number'], ['default', '8']] },
    { block: 'variable "single_nat_gateway"', body: [['type', 'bool'], ['default', 'false']] },
    { block: 'variable "enable_dynamodb_endpoint"', body: [['type', 'bool'], ['default', 'true']] },
    { block: 'variable "tags"', body: [['type', 'map(string)'], ['default', '{}']] },
  ]),
  'modules/network/outputs.tf': renderHclFile([
    { block: 'output "vpc_id"', body: [['value', 'aws_vpc.this.id']] },
    { block: 'output "vpc_cidr"', body: [['value', 'aws_vpc.this.cidr_block']] },
    { block: 'output "public_subnet_ids"', body: [['value', 'aws_subnet.public[*].id']] },
    { block: 'output "private_subnet_ids"', body: [['value', 'aws_subnet.private[*].id']] },
    { block: 'output "private_route_table_ids"', body: [['value', 'aws_route_table.private[*].id']] },
  ]),
  'modules/function/main.tf': renderHclFile([
    { comment: 'Reusable Lambda function: role, optional VPC attachment with its own security group, log group.' },
    { block: 'locals', body: [['in_vpc', 'length(var.subnet_ids) > 0']] },
    resource('aws_iam_role', 'this', [['name', 'var.name'], ['assume_role_policy', 'data.aws_iam_policy_document.assume.json']]),
    { block: 'data "aws_iam_policy_document" "assume"', body: [{ block: 'statement', body: [['actions', '["sts:AssumeRole"]'], '', { block: 'principals', body: [['type', q('Service')], ['identifiers', '["lambda.amazonaws.com"]']] }] }] },
    resource('aws_iam_role_policy_attachment', 'basic', [['role', 'aws_iam_role.this.name'], ['policy_arn', q('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')]]),
    resource('aws_iam_role_policy_attachment', 'vpc', [['count', 'local.in_vpc ? 1 : 0'], '', ['role', 'aws_iam_role.this.name'], ['policy_arn', q('arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole')]]),
    resource('aws_security_group', 'this', [
      ['count', 'local.in_vpc ? 1 : 0'], '', ['name', '"${var.name}-fn"'], ['vpc_id', 'var.vpc_id'], '',
      { block: 'egress', body: [['from_port', '443'], ['to_port', '443'], ['protocol', q('tcp')], ['cidr_blocks', '["0.0.0.0/0"]']] },
    ]),
    resource('aws_lambda_function', 'this', [
      ['function_name', 'var.name'], ['role', 'aws_iam_role.this.arn'], ['handler', 'var.handler'], ['runtime', 'var.runtime'], ['filename', 'var.package'], '',
      { block: 'dynamic "vpc_config"', body: [['for_each', 'local.in_vpc ? [1] : []'], '', { block: 'content', body: [['subnet_ids', 'var.subnet_ids'], ['security_group_ids', 'concat(aws_security_group.this[*].id, var.extra_security_group_ids)']] }] },
    ]),
    resource('aws_cloudwatch_log_group', 'this', [['name', '"/aws/lambda/${var.name}"'], ['retention_in_days', '14']]),
  ]),
  'modules/function/variables.tf': renderHclFile([
    { block: 'variable "name"', body: [['type', 'string']] },
    { block: 'variable "handler"', body: [['type', 'string'], ['default', q('app.handler')]] },
    { block: 'variable "runtime"', body: [['type', 'string'], ['default', q('python3.12')]] },
    { block: 'variable "package"', body: [['type', 'string']] },
    { block: 'variable "vpc_id"', body: [['type', 'string'], ['default', 'null']] },
    { block: 'variable "subnet_ids"', body: [['type', 'list(string)'], ['default', '[]']] },
    { block: 'variable "extra_security_group_ids"', body: [['type', 'list(string)'], ['default', '[]']] },
  ]),
  'modules/function/outputs.tf': renderHclFile([
    { block: 'output "function_arn"', body: [['value', 'aws_lambda_function.this.arn']] },
    { block: 'output "security_group_id"', body: [['value', 'one(aws_security_group.this[*].id)']] },
  ]),
};

/** Resources a `module "function"` call creates. */
const functionModuleCount = (inVpc) => 4 + (inVpc ? 2 : 0);

/** Independent one-resource blocks used to land on the exact requested count. */
function tfFiller(rnd, index) {
  const kind = index % 3;
  if (kind === 0) return resource('aws_sqs_queue', `extra_${index}`, [['name', `"\${local.name_prefix}-extra-${index}"`], ['delay_seconds', String(rnd.int(0, 30))], '', tfTags(rnd, `"\${local.name_prefix}-extra-${index}"`)]);
  if (kind === 1) return resource('aws_s3_bucket', `extra_${index}`, [['bucket', `"\${local.name_prefix}-extra-${index}-\${var.account_suffix}"`], ['force_destroy', 'var.environment != "prod"'], '', tfTags(rnd, `"\${local.name_prefix}-extra-${index}"`)]);
  return resource('aws_dynamodb_table', `extra_${index}`, [
    ['name', `"\${local.name_prefix}-extra-${index}"`], ['billing_mode', q('PAY_PER_REQUEST')], ['hash_key', q('id')], '',
    { block: 'attribute', body: [['name', q('id')], ['type', q('S')]] },
  ]);
}

/** Splits blocks into files of about `perFile` resources each: name-1.tf, name-2.tf, … */
function chunkFiles(files, folder, name, blocks, perFile) {
  if (blocks.length === 0) return;
  const parts = Math.max(1, Math.round(blocks.length / perFile));
  const size = Math.ceil(blocks.length / parts);
  for (let p = 0; p < parts; p++) {
    const slice = blocks.slice(p * size, (p + 1) * size);
    if (slice.length > 0) files.push({ path: `${folder}/${parts === 1 ? name : `${name}-${p + 1}`}.tf`, text: renderHclFile(slice) });
  }
}

function tfEnvironment(rnd, index, budget) {
  const team = TEAMS[index % TEAMS.length];
  const stage = STAGES[Math.floor(index / TEAMS.length) % STAGES.length];
  const [region, azs] = REGIONS[index % REGIONS.length];
  const name = `${team}-${stage}-${String(index + 1).padStart(3, '0')}`;
  const folder = `environments/${name}`;
  const env = { index, name, region, azs };
  const files = [];
  let count = 0;
  const bundles = [];
  const modules = [];
  const fillers = [];
  const vpcRoles = [...VPC_ROLES];
  let vpcIndex = 0;
  // VPC bundles while they fit, a module call or two, then fillers for the exact count.
  while (vpcIndex < vpcRoles.length) {
    const bundle = tfVpcBundle(rnd, env, vpcRoles[vpcIndex], vpcIndex);
    if (count + bundle.count > budget) break;
    bundles.push(bundle);
    count += bundle.count;
    vpcIndex++;
    if (count > budget * 0.75) break;
  }
  if (rnd.chance(0.4)) {
    const azCount = rnd.chance(0.5) ? 3 : 2;
    const singleNat = rnd.chance(0.5);
    const n = networkModuleCount(azCount, singleNat, true);
    if (count + n <= budget) {
      modules.push({ block: 'module "shared_network"', body: [
        ['source', q('../../modules/network')], '',
        ['name', '"${local.name_prefix}-shared"'], ['region', 'var.region'], ['cidr', q(`10.${200 + (index % 50)}.0.0/16`)], ['azs', `slice(var.azs, 0, ${azCount})`],
        ['single_nat_gateway', String(singleNat)], ['tags', 'local.common_tags'],
      ] });
      count += n;
    }
  }
  const fnModules = rnd.int(0, 3);
  for (let m = 0; m < fnModules && bundles.length > 0; m++) {
    const bundle = bundles[m % bundles.length];
    const inVpc = rnd.chance(0.7);
    const n = functionModuleCount(inVpc);
    if (count + n > budget) break;
    modules.push({ block: `module "fn_${bundle.v}_${m}"`, body: [
      ['source', q('../../modules/function')], '',
      ['name', `"\${local.name_prefix}-${bundle.v}-fn-${m}"`], ['package', `"\${path.module}/build/fn-${m}.zip"`], ['runtime', 'var.lambda_runtime'],
      ...(inVpc ? [['vpc_id', `aws_vpc.${bundle.v}.id`], ['subnet_ids', bundle.subnetList.private], ['extra_security_group_ids', `[aws_security_group.${bundle.v}_lambda.id]`]] : []),
    ] });
    count += n;
  }
  while (count < budget) fillers.push(tfFiller(rnd, count++));

  const azsDefault = `[${azs.map(q).join(', ')}]`;
  const locals = [
    ['name_prefix', '"${var.team}-${var.environment}"'],
    ['common_tags', obj([['Team', 'var.team'], ['Environment', 'var.environment'], ['ManagedBy', q('terraform')]])],
  ];
  for (const b of bundles) for (const l of b.locals) locals.push(l);
  files.push({ path: `${folder}/main.tf`, text: renderHclFile([
    { block: 'terraform', body: [['required_version', q('>= 1.5.0')], '', { block: 'required_providers', body: [['aws', obj([['source', q('hashicorp/aws')], ['version', q('~> 5.0')]])]] }] },
    { block: 'provider "aws"', body: [['region', 'var.region'], '', { block: 'default_tags', body: [['tags', 'local.common_tags']] }] },
    { block: 'locals', body: locals },
    ...modules,
  ]) });
  files.push({ path: `${folder}/variables.tf`, text: renderHclFile([
    { block: 'variable "team"', body: [['type', 'string'], ['default', q(team)]] },
    { block: 'variable "environment"', body: [['type', 'string'], '', { block: 'validation', body: [['condition', `contains(${JSON.stringify(STAGES).replace(/,/g, ', ')}, var.environment)`], ['error_message', q('Unknown environment.')]] }] },
    { block: 'variable "region"', body: [['type', 'string'], ['default', q(region)]] },
    { block: 'variable "azs"', body: [['type', 'list(string)'], ['default', azsDefault]] },
    { block: 'variable "account_suffix"', body: [['type', 'string'], ['default', q(String(100000 + index))]] },
    { block: 'variable "lambda_runtime"', body: [['type', 'string'], ['default', q(rnd.pick(RUNTIMES))]] },
    { block: 'variable "db_instance_class"', body: [['type', 'string'], ['default', q('db.t4g.micro')]] },
    ...bundles.flatMap((b) => b.variables),
  ]) });
  files.push({ path: `${folder}/terraform.tfvars`, text: alignLines([
    { lead: 'environment', assign: `= ${q(stage)}` },
    { lead: 'region', assign: `= ${q(region)}` },
    { lead: 'azs', assign: `= ${azsDefault}` },
  ]) + '\n' });
  const outputs = bundles.flatMap((b) => b.outputs);
  if (modules.some((m) => m.block === 'module "shared_network"')) outputs.push({ block: 'output "shared_private_subnet_ids"', body: [['value', 'module.shared_network.private_subnet_ids']] });
  if (outputs.length > 0) files.push({ path: `${folder}/outputs.tf`, text: renderHclFile(outputs) });
  // Fillers join the last VPC's application file (fewer, fuller files, like a real repository).
  bundles.forEach((b, i) => {
    chunkFiles(files, folder, `network-${b.v}`, [...b.net, ...b.sec], 45);
    chunkFiles(files, folder, `apps-${b.v}`, i === bundles.length - 1 ? [...b.apps, ...fillers] : b.apps, 45);
  });
  if (bundles.length === 0) chunkFiles(files, folder, 'extras', fillers, 45);
  return { files, count };
}

/**
 * A Terraform workspace of exactly `resourceCount` resource instances (count/for_each expanded, module
 * resources once per call), spread over environment root folders and two local modules.
 */
export function generateTerraform(resourceCount, seed = 1) {
  const rnd = createRandom(seed);
  const files = [];
  let remaining = resourceCount;
  let index = 0;
  while (remaining > 0) {
    const budget = Math.min(remaining, rnd.int(200, 330));
    const env = tfEnvironment(rnd, index++, budget);
    files.push(...env.files);
    remaining -= env.count;
  }
  if (resourceCount > 0) for (const [path, text] of Object.entries(NETWORK_MODULE)) files.push({ path, text });
  return { files, resourceCount };
}

// ---------------------------------------------------------------------------------------------------------
// CloudFormation: a template model with intrinsic functions as Fn nodes, rendered to YAML (short tags) and
// to JSON (long `Fn::` forms).

class Fn {
  constructor(name, arg) {
    this.name = name;
    this.arg = arg;
  }
}
const Ref = (x) => new Fn('Ref', x);
const GetAtt = (x) => new Fn('GetAtt', x);
const Sub = (x) => new Fn('Sub', x);
const Select = (i, x) => new Fn('Select', [i, x]);
const GetAZs = (x = '') => new Fn('GetAZs', x);
const Equals = (a, b) => new Fn('Equals', [a, b]);
const If = (c, a, b) => new Fn('If', [c, a, b]);
const Not = (x) => new Fn('Not', [x]);
const Join = (sep, items) => new Fn('Join', [sep, items]);

const LONG_FORM = { Ref: 'Ref', Condition: 'Condition' };

/** The JSON form of a template value: `!GetAtt A.B` becomes `{"Fn::GetAtt": ["A", "B"]}`. */
export function toJsonValue(value) {
  if (value instanceof Fn) {
    const key = LONG_FORM[value.name] ?? `Fn::${value.name}`;
    if (value.name === 'GetAtt' && typeof value.arg === 'string') {
      const dot = value.arg.indexOf('.');
      return { [key]: [value.arg.slice(0, dot), value.arg.slice(dot + 1)] };
    }
    return { [key]: toJsonValue(value.arg) };
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

const PLAIN_SCALAR = /^[A-Za-z_/][\w./:@-]*$/;
const YAML_KEYWORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

function yamlScalar(value) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === '') return "''";
  if (PLAIN_SCALAR.test(value) && !YAML_KEYWORDS.has(value.toLowerCase())) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A one-line flow rendering, or null when the value needs block style. */
function yamlFlow(value, depth = 0) {
  if (value instanceof Fn) {
    const inner = yamlFlow(value.arg, depth + 1);
    return inner === null ? null : `!${value.name} ${inner}`;
  }
  if (Array.isArray(value)) {
    if (depth > 3 || value.length > 4) return null;
    const parts = value.map((v) => yamlFlow(v, depth + 1));
    return parts.includes(null) ? null : `[${parts.join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') return null;
  return yamlScalar(value);
}

function yamlBlock(out, indent, value) {
  // Called for a mapping or sequence body (already on its own lines).
  if (Array.isArray(value)) {
    for (const item of value) {
      const flow = yamlFlow(item);
      if (flow !== null) out.push(`${indent}- ${flow}`);
      else if (item instanceof Fn) {
        out.push(`${indent}- !${item.name}`);
        yamlBlock(out, indent + '  ', item.arg);
      } else {
        // A mapping as a list item: the first key shares the dash's line.
        const lines = [];
        yamlBlock(lines, indent + '  ', item);
        lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
        out.push(...lines);
      }
    }
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const flow = yamlFlow(v);
    if (flow !== null) out.push(`${indent}${key}: ${flow}`);
    else if (v instanceof Fn) {
      out.push(`${indent}${key}: !${v.name}`);
      yamlBlock(out, indent + '  ', v.arg);
    } else {
      out.push(`${indent}${key}:`);
      yamlBlock(out, indent + '  ', v);
    }
  }
}

/** Renders a template model as YAML with short-form intrinsic tags; comments: { logicalId: text }. */
export function toYamlTemplate(template, comments = {}) {
  const out = [];
  for (const [section, body] of Object.entries(template)) {
    if (section === 'Resources') {
      out.push('Resources:');
      for (const [id, res] of Object.entries(body)) {
        if (comments[id] !== undefined) out.push(`  # ${comments[id]}`);
        out.push(`  ${id}:`);
        yamlBlock(out, '    ', res);
      }
    } else if (typeof body === 'string') out.push(`${section}: ${yamlScalar(body)}`);
    else {
      out.push(`${section}:`);
      yamlBlock(out, '  ', body);
    }
    out.push('');
  }
  return out.join('\n');
}

function cfnTags(name, extra = {}) {
  return [{ Key: 'Name', Value: Sub(`\${EnvName}-${name}`) }, { Key: 'Team', Value: Ref('Team') }, ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value }))];
}

/** One VPC and its neighbours as CloudFormation resources (logical ids prefixed with the VPC's name). */
function cfnVpcBundle(rnd, t, vpcIndex, sam) {
  const V = pascal(VPC_ROLES[vpcIndex % VPC_ROLES.length]) + (vpcIndex >= VPC_ROLES.length ? String(vpcIndex) : '');
  const azCount = rnd.chance(0.6) ? 3 : 2;
  const nat = rnd.pick(['per-az', 'single', 'single', 'none']);
  const r = {};
  const comments = {};
  const cidrParam = `${V}Cidr`;
  const second = (t * 8 + vpcIndex) % 250;
  const params = { [cidrParam]: { Type: 'String', Default: `10.${second}.0.0/16`, Description: `CIDR block of the ${V} VPC` } };
  r[`${V}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: Ref(cidrParam), EnableDnsSupport: true, EnableDnsHostnames: true, Tags: cfnTags(`${V.toLowerCase()}-vpc`) } };
  r[`${V}Igw`] = { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: cfnTags(`${V.toLowerCase()}-igw`) } };
  r[`${V}IgwAttachment`] = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: Ref(`${V}Vpc`), InternetGatewayId: Ref(`${V}Igw`) } };
  const subnets = { Public: [], Private: [] };
  for (const [tier, offset] of [['Public', 0], ['Private', 8]]) {
    for (let i = 0; i < azCount; i++) {
      const id = `${V}${tier}Subnet${AZ_LETTERS[i].toUpperCase()}`;
      subnets[tier].push(id);
      r[id] = {
        Type: 'AWS::EC2::Subnet',
        Properties: {
          VpcId: Ref(`${V}Vpc`),
          AvailabilityZone: Select(i, GetAZs('')),
          // Literal subnet CIDRs inside the parameter's default: the npm cfn-lint baseline rejects !Cidr.
          CidrBlock: `10.${second}.${offset + i}.0/24`,
          ...(tier === 'Public' ? { MapPublicIpOnLaunch: true } : {}),
          Tags: cfnTags(`${V.toLowerCase()}-${tier.toLowerCase()}-${AZ_LETTERS[i]}`, { Tier: tier }),
        },
      };
    }
  }
  r[`${V}PublicRouteTable`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: Ref(`${V}Vpc`), Tags: cfnTags(`${V.toLowerCase()}-public`) } };
  r[`${V}PublicDefaultRoute`] = { Type: 'AWS::EC2::Route', DependsOn: `${V}IgwAttachment`, Properties: { RouteTableId: Ref(`${V}PublicRouteTable`), DestinationCidrBlock: '0.0.0.0/0', GatewayId: Ref(`${V}Igw`) } };
  subnets.Public.forEach((s) => {
    r[`${s}RouteTableAssociation`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: Ref(s), RouteTableId: Ref(`${V}PublicRouteTable`) } };
  });
  const natCount = nat === 'per-az' ? azCount : nat === 'single' ? 1 : 0;
  for (let i = 0; i < natCount; i++) {
    r[`${V}NatEip${i}`] = { Type: 'AWS::EC2::EIP', Condition: 'CreateNat', DependsOn: `${V}IgwAttachment`, Properties: { Domain: 'vpc' } };
    r[`${V}NatGateway${i}`] = { Type: 'AWS::EC2::NatGateway', Condition: 'CreateNat', Properties: { AllocationId: GetAtt(`${V}NatEip${i}.AllocationId`), SubnetId: Ref(subnets.Public[i]), Tags: cfnTags(`${V.toLowerCase()}-nat-${i}`) } };
  }
  const privateTables = [];
  subnets.Private.forEach((s, i) => {
    const rt = `${s}RouteTable`;
    privateTables.push(rt);
    r[rt] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: Ref(`${V}Vpc`), Tags: cfnTags(`${V.toLowerCase()}-private-${AZ_LETTERS[i]}`) } };
    if (natCount > 0) {
      r[`${s}NatRoute`] = { Type: 'AWS::EC2::Route', Condition: 'CreateNat', Properties: { RouteTableId: Ref(rt), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Ref(`${V}NatGateway${natCount > 1 ? i : 0}`) } };
    }
    r[`${s}RouteTableAssociation`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: Ref(s), RouteTableId: Ref(rt) } };
  });
  r[`${V}S3Endpoint`] = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: Ref(`${V}Vpc`), ServiceName: Sub('com.amazonaws.${AWS::Region}.s3'), VpcEndpointType: 'Gateway', RouteTableIds: privateTables.map(Ref) } };
  if (rnd.chance(0.7)) r[`${V}DynamoDbEndpoint`] = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: Ref(`${V}Vpc`), ServiceName: Sub('com.amazonaws.${AWS::Region}.dynamodb'), VpcEndpointType: 'Gateway', RouteTableIds: privateTables.map(Ref) } };

  r[`${V}LambdaSecurityGroup`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'Lambda functions', VpcId: Ref(`${V}Vpc`), SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }], Tags: cfnTags(`${V.toLowerCase()}-lambda`) } };
  r[`${V}DbSecurityGroup`] = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'Databases and file systems', VpcId: Ref(`${V}Vpc`), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: Ref(`${V}LambdaSecurityGroup`) }], Tags: cfnTags(`${V.toLowerCase()}-db`) },
  };
  r[`${V}DbNfsIngress`] = { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: Ref(`${V}DbSecurityGroup`), IpProtocol: 'tcp', FromPort: 2049, ToPort: 2049, SourceSecurityGroupId: Ref(`${V}LambdaSecurityGroup`) } };
  if (rnd.chance(0.5)) {
    r[`${V}EndpointSecurityGroup`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'Interface endpoints', VpcId: Ref(`${V}Vpc`), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: GetAtt(`${V}Vpc.CidrBlock`) }] } };
    const services = [...INTERFACE_SERVICES].sort(() => rnd.next() - 0.5).slice(0, rnd.int(1, 3));
    for (const service of services) {
      r[`${V}${pascal(service.replace('.', '-'))}Endpoint`] = {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcId: Ref(`${V}Vpc`), ServiceName: Sub(`com.amazonaws.\${AWS::Region}.${service}`), VpcEndpointType: 'Interface', PrivateDnsEnabled: true, SubnetIds: subnets.Private.map(Ref), SecurityGroupIds: [Ref(`${V}EndpointSecurityGroup`)] },
      };
    }
  }
  if (rnd.chance(0.35)) {
    r[`${V}PrivateNetworkAcl`] = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: Ref(`${V}Vpc`), Tags: cfnTags(`${V.toLowerCase()}-private`) } };
    r[`${V}PrivateNaclInbound`] = { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: Ref(`${V}PrivateNetworkAcl`), RuleNumber: 100, Protocol: 6, RuleAction: 'allow', Egress: false, CidrBlock: GetAtt(`${V}Vpc.CidrBlock`), PortRange: { From: 0, To: 65535 } } };
    r[`${V}PrivateNaclEphemeral`] = { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: Ref(`${V}PrivateNetworkAcl`), RuleNumber: 200, Protocol: 6, RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 65535 } } };
    r[`${V}PrivateNaclOutbound`] = { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: Ref(`${V}PrivateNetworkAcl`), RuleNumber: 100, Protocol: -1, RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' } };
    subnets.Private.forEach((s) => {
      r[`${s}NaclAssociation`] = { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: Ref(s), NetworkAclId: Ref(`${V}PrivateNetworkAcl`) } };
    });
  }
  if (rnd.chance(0.5)) {
    r[`${V}DbSubnetGroup`] = { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: `${V} databases`, SubnetIds: subnets.Private.map(Ref) } };
    r[`${V}Database`] = {
      Type: 'AWS::RDS::DBInstance',
      DeletionPolicy: 'Snapshot',
      Properties: { Engine: 'postgres', EngineVersion: '16.3', DBInstanceClass: 'db.t4g.micro', AllocatedStorage: '20', MasterUsername: 'app', MasterUserPassword: Sub(`{{resolve:secretsmanager:\${EnvName}-${V.toLowerCase()}-db:SecretString:password}}`), MultiAZ: If('IsProd', true, false), DBSubnetGroupName: Ref(`${V}DbSubnetGroup`), VPCSecurityGroups: [GetAtt(`${V}DbSecurityGroup.GroupId`)] },
    };
  }
  const hasEfs = rnd.chance(0.3);
  if (hasEfs) {
    r[`${V}FileSystem`] = { Type: 'AWS::EFS::FileSystem', Properties: { Encrypted: true, FileSystemTags: [{ Key: 'Name', Value: Sub(`\${EnvName}-${V.toLowerCase()}`) }] } };
    subnets.Private.forEach((s) => {
      r[`${s}MountTarget`] = { Type: 'AWS::EFS::MountTarget', Properties: { FileSystemId: Ref(`${V}FileSystem`), SubnetId: Ref(s), SecurityGroups: [Ref(`${V}DbSecurityGroup`)] } };
    });
    // No AWS::EFS::AccessPoint / FileSystemConfigs here: the npm cfn-lint baseline's 2019 spec crashes on them.
  }
  r[`${V}ItemsTable`] = {
    Type: 'AWS::DynamoDB::Table',
    Properties: { BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: If('IsProd', true, false) } },
  };
  r[`${V}ArtifactsBucket`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: Sub(`\${EnvName}-${V.toLowerCase()}-artifacts-\${AWS::AccountId}`), VersioningConfiguration: { Status: 'Enabled' } } };
  r[`${V}DeadLetterQueue`] = { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } };
  r[`${V}JobsQueue`] = { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: GetAtt(`${V}DeadLetterQueue.Arn`), maxReceiveCount: 5 } } };

  const functionCount = rnd.int(3, 6);
  for (let f = 0; f < functionCount; f++) {
    const F = `${V}${pascal(FUNCTION_ROLES[(vpcIndex * 3 + f) % FUNCTION_ROLES.length])}${f >= FUNCTION_ROLES.length ? f : ''}`;
    const inVpc = rnd.chance(0.75);
    const oneAz = inVpc && rnd.chance(0.1);
    const vpcConfig = inVpc ? { SubnetIds: oneAz ? [Ref(subnets.Private[0])] : subnets.Private.map(Ref), SecurityGroupIds: [Ref(`${V}LambdaSecurityGroup`)] } : undefined;
    if (oneAz) comments[`${F}Function`] = 'hyperplane-lens-ignore LAMBDA_SINGLE_AZ';
    const env = { Variables: { TABLE_NAME: Ref(`${V}ItemsTable`), QUEUE_URL: Ref(`${V}JobsQueue`), STAGE: Ref('EnvName') } };
    if (sam) {
      r[`${F}Function`] = {
        Type: 'AWS::Serverless::Function',
        Properties: {
          CodeUri: `functions/${F.toLowerCase()}/`,
          Handler: 'app.handler',
          MemorySize: rnd.pick([128, 256, 512, 1024]),
          Environment: env,
          ...(vpcConfig ? { VpcConfig: vpcConfig } : {}),
          Policies: [{ DynamoDBCrudPolicy: { TableName: Ref(`${V}ItemsTable`) } }, { SQSPollerPolicy: { QueueName: GetAtt(`${V}JobsQueue.QueueName`) } }], // SAM adds the VPC access policy itself when VpcConfig is set
          Events: { Jobs: { Type: 'SQS', Properties: { Queue: GetAtt(`${V}JobsQueue.Arn`), BatchSize: 10 } } },
        },
      };
    } else {
      r[`${F}Role`] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          ManagedPolicyArns: [inVpc ? 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole' : 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
          Policies: [{ PolicyName: 'data-access', PolicyDocument: { Version: '2012-10-17', Statement: [
            { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], Resource: GetAtt(`${V}ItemsTable.Arn`) },
            { Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: GetAtt(`${V}JobsQueue.Arn`) },
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: Sub(`\${${V}ArtifactsBucket.Arn}/*`) },
          ] } }],
        },
      };
      r[`${F}Function`] = {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Handler: 'app.handler',
          Runtime: rnd.pick(RUNTIMES),
          Role: GetAtt(`${F}Role.Arn`),
          Code: { S3Bucket: Ref('ArtifactBucket'), S3Key: Sub(`\${EnvName}/${F.toLowerCase()}.zip`) },
          MemorySize: rnd.pick([128, 256, 512, 1024]),
          Timeout: rnd.pick([10, 30, 60, 120]),
          Environment: env,
          ...(vpcConfig ? { VpcConfig: vpcConfig } : {}),
        },
      };
      r[`${F}LogGroup`] = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: Sub(`/aws/lambda/\${${F}Function}`), RetentionInDays: rnd.pick([7, 14, 30, 90]) } };
    }
  }
  const outputs = { [`${V}VpcId`]: { Value: Ref(`${V}Vpc`), Export: { Name: Sub(`\${AWS::StackName}-${V}VpcId`) } }, [`${V}PrivateSubnetIds`]: { Value: Join(',', subnets.Private.map(Ref)) } };
  return { resources: r, comments, params, outputs, count: Object.keys(r).length, V, privateSubnets: subnets.Private };
}

function cfnFiller(rnd, index) {
  const kind = index % 3;
  if (kind === 0) return [`ExtraQueue${index}`, { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: rnd.int(0, 30), Tags: [{ Key: 'Purpose', Value: 'extra' }] } }];
  if (kind === 1) return [`ExtraBucket${index}`, { Type: 'AWS::S3::Bucket', Properties: { BucketName: Sub(`\${EnvName}-extra-${index}-\${AWS::AccountId}`) } }];
  return [`ExtraTable${index}`, { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] } }];
}

/** A template model holding exactly `budget` resources; `nested` adds a nested stack (counted as 1). */
function cfnTemplate(rnd, t, budget, sam, nestedPath) {
  const resources = {};
  const comments = {};
  const parameters = {
    EnvName: { Type: 'String', Default: rnd.pick(STAGES), AllowedValues: STAGES },
    Team: { Type: 'String', Default: TEAMS[t % TEAMS.length] },
    ...(sam ? {} : { ArtifactBucket: { Type: 'String', Default: `artifacts-${t}` } }),
  };
  const outputs = {};
  let count = 0;
  let firstBundle = null;
  const reserve = nestedPath ? 1 : 0;
  for (let vpcIndex = 0; ; vpcIndex++) {
    const bundle = cfnVpcBundle(rnd, t, vpcIndex, sam);
    if (count + bundle.count > budget - reserve) break;
    firstBundle ??= bundle;
    Object.assign(resources, bundle.resources);
    Object.assign(comments, bundle.comments);
    Object.assign(parameters, bundle.params);
    Object.assign(outputs, bundle.outputs);
    count += bundle.count;
  }
  if (nestedPath) {
    resources.SharedServicesStack = {
      Type: 'AWS::CloudFormation::Stack',
      Properties: {
        TemplateURL: nestedPath,
        Parameters: firstBundle
          ? { EnvName: Ref('EnvName'), VpcId: Ref(`${firstBundle.V}Vpc`), SubnetIds: Join(',', firstBundle.privateSubnets.map(Ref)) }
          : { EnvName: Ref('EnvName') },
      },
    };
    count++;
  }
  while (count < budget) {
    const [id, res] = cfnFiller(rnd, count++);
    resources[id] = res;
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    ...(sam ? { Transform: 'AWS::Serverless-2016-10-31' } : {}),
    Description: `Synthetic ${sam ? 'SAM' : 'CloudFormation'} stack ${t + 1} for benchmarks`,
    ...(sam ? { Globals: { Function: { Runtime: rnd.pick(RUNTIMES), Timeout: 30, Tracing: 'Active', Tags: { Team: TEAMS[t % TEAMS.length] } } } } : {}),
    Parameters: parameters,
    Conditions: { IsProd: Equals(Ref('EnvName'), 'prod'), CreateNat: Not(Equals(Ref('EnvName'), 'sandbox')) },
    Resources: resources,
    ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {}),
  };
  return { template, comments, count };
}

/** The child of a nested stack: security groups and a function in the parent's VPC (given as parameters). */
function cfnNestedChild(rnd, budget) {
  const resources = {
    SharedSecurityGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'Shared services', VpcId: Ref('VpcId'), SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] } },
    SharedFunctionRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'] } },
    SharedFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', Role: GetAtt('SharedFunctionRole.Arn'), Code: { ZipFile: 'exports.handler = async () => ({});' }, VpcConfig: { SubnetIds: new Fn('Split', [',', Ref('SubnetIds')]), SecurityGroupIds: [Ref('SharedSecurityGroup')] } },
    },
  };
  let count = 3;
  while (count < budget) {
    const [id, res] = cfnFiller(rnd, count++);
    resources[id] = res;
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Synthetic nested stack for benchmarks',
    Parameters: { EnvName: { Type: 'String' }, VpcId: { Type: 'AWS::EC2::VPC::Id' }, SubnetIds: { Type: 'String', Description: 'Comma-separated private subnet ids' } },
    Resources: resources,
    Outputs: { SharedFunctionArn: { Value: GetAtt('SharedFunction.Arn') } },
  };
  return { template, comments: {}, count };
}

/**
 * CloudFormation/SAM templates with exactly `resourceCount` Resources entries (about 420 per template),
 * under yaml/; the same templates as JSON (long forms) under json/, which do not add to the count.
 */
export function generateCloudFormation(resourceCount, seed = 1) {
  const rnd = createRandom(seed ^ 0x5bd1e995);
  const templateCount = Math.max(1, Math.round(resourceCount / 420));
  const files = [];
  const emit = (name, built) => {
    files.push({ path: `yaml/${name}.yaml`, text: toYamlTemplate(built.template, built.comments) });
    files.push({ path: `json/${name}.json`, text: JSON.stringify(toJsonValue(built.template), null, 2) + '\n' });
  };
  let remaining = resourceCount;
  for (let t = 0; t < templateCount; t++) {
    const budget = Math.round(remaining / (templateCount - t));
    remaining -= budget;
    const name = `stack-${String(t + 1).padStart(3, '0')}-${TEAMS[t % TEAMS.length]}`;
    const sam = t % 3 === 1;
    const nested = t % 8 === 2 && budget >= 40;
    if (nested) {
      const childBudget = Math.min(30, Math.floor(budget / 4));
      const parent = cfnTemplate(rnd, t, budget - childBudget, sam, `./nested/${name}-shared.yaml`);
      emit(name, parent);
      emit(`nested/${name}-shared`, cfnNestedChild(rnd, childBudget));
    } else if (budget > 0) {
      emit(name, cfnTemplate(rnd, t, budget, sam, null));
    }
  }
  return { files, resourceCount };
}

// ---------------------------------------------------------------------------------------------------------
// CLI

function writeWorkspace(outDir, files) {
  for (const file of files) {
    const target = join(outDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
}

function summary(files, ext) {
  const selected = files.filter((f) => f.path.endsWith(ext));
  const bytes = selected.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const lines = selected.reduce((n, f) => n + f.text.split('\n').length - 1, 0);
  return `${selected.length} ${ext} files, ${lines} lines, ${(bytes / 1e6).toFixed(2)} MB`;
}

function main(argv) {
  const arg = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
  };
  const size = Number(arg('--size', '10000'));
  const out = arg('--out', null);
  const kind = arg('--kind', 'both');
  const seed = Number(arg('--seed', '1'));
  if (!out || !Number.isInteger(size) || size < 0 || !['tf', 'cfn', 'both'].includes(kind)) {
    console.error('usage: node scripts/bench/generate.mjs --size N --out DIR [--kind tf|cfn|both] [--seed N]');
    process.exit(2);
  }
  const outDir = resolve(out);
  if (kind !== 'cfn') {
    const tf = generateTerraform(size, seed);
    rmSync(join(outDir, 'terraform'), { recursive: true, force: true });
    writeWorkspace(join(outDir, 'terraform'), tf.files);
    console.log(`terraform: ${size} resources, ${summary(tf.files, '.tf')} -> ${join(outDir, 'terraform')}`);
  }
  if (kind !== 'tf') {
    const cfn = generateCloudFormation(size, seed);
    rmSync(join(outDir, 'cloudformation'), { recursive: true, force: true });
    writeWorkspace(join(outDir, 'cloudformation'), cfn.files);
    console.log(`cloudformation: ${size} resources, ${summary(cfn.files, '.yaml')}; JSON twin ${summary(cfn.files, '.json')} -> ${join(outDir, 'cloudformation')}`);
  }
}

// import.meta.url is absent when a test bundles this file as CommonJS: then it is a library only.
if (import.meta.url && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
