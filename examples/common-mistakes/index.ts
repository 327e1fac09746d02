// The network mistakes people really make, one of each: every policy of aws-network-guardrails
// reports exactly one finding for this program, but db-not-reachable-from-internet (a database with a
// path from the internet is also publicly accessible and trusts an address range, which
// db-ingress-only-via-security-groups would report a second time; examples/three-tier shows that path).
//   npx aws-network-guardrails check examples/common-mistakes
// Each MISTAKE comment names the policies it trips. Everything else is done right (compare
// examples/three-tier), so that the report shows only the mistakes.
import * as aws from "@pulumi/aws";

// MISTAKE (vpc-flow-logs-enabled): no aws.ec2.FlowLog for the VPC.
const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
const publicA = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
const appA = new aws.ec2.Subnet("app-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
const dbA = new aws.ec2.Subnet("db-a", { vpcId: vpc.id, cidrBlock: "10.0.2.0/24" });
const bastionA = new aws.ec2.Subnet("bastion-a", { vpcId: vpc.id, cidrBlock: "10.0.3.0/24" });
// The public subnets route to the internet gateway; the others keep the VPC's main table (the local route only).
const internet = new aws.ec2.InternetGateway("main", { vpcId: vpc.id });
const publicRoutes = new aws.ec2.RouteTable("public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internet.id }] });
new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicA.id, routeTableId: publicRoutes.id });
new aws.ec2.RouteTableAssociation("bastion-a", { subnetId: bastionA.id, routeTableId: publicRoutes.id });

// MISTAKE (sg-default-denies-all): a rule left on the VPC's default security group.
new aws.ec2.DefaultSecurityGroup("default", {
    vpcId: vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, self: true, description: "left over from a test" }],
});

const group = (name: string, description: string) => new aws.ec2.SecurityGroup(name, { vpcId: vpc.id, description });
const ingress = (name: string, sg: aws.ec2.SecurityGroup, args: Omit<aws.vpc.SecurityGroupIngressRuleArgs, "securityGroupId">) =>
    new aws.vpc.SecurityGroupIngressRule(name, { securityGroupId: sg.id, ...args });
const egress = (name: string, sg: aws.ec2.SecurityGroup, args: Omit<aws.vpc.SecurityGroupEgressRuleArgs, "securityGroupId">) =>
    new aws.vpc.SecurityGroupEgressRule(name, { securityGroupId: sg.id, ...args });

// MISTAKE (sg-rules-managed-one-way): the load balancer's group has inline ingress rules and a
// standalone ingress rule as well; the provider keeps removing one or the other.
const alb = new aws.ec2.SecurityGroup("alb", {
    vpcId: vpc.id,
    description: "Internet-facing load balancer",
    ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS from the internet" },
        { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"], description: "HTTPS from the internet (IPv6)" },
    ],
});
ingress("alb-http", alb, { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0", description: "HTTP, redirected to HTTPS" });

const web = group("web", "Web tier");
const app = group("app", "Application tier");
const db = group("db", "PostgreSQL");

egress("alb-to-web", alb, { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: web.id, description: "to the web tier" });
ingress("web-from-alb", web, { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: alb.id, description: "from the load balancer" });
// MISTAKE (sg-descriptions): a rule nobody can explain later.
egress("web-to-app", web, { ipProtocol: "tcp", fromPort: 8443, toPort: 8443, referencedSecurityGroupId: app.id });
// MISTAKE (sg-no-all-traffic-rules): every protocol and port from the web tier, "to be safe".
ingress("app-from-web", app, { ipProtocol: "-1", referencedSecurityGroupId: web.id, description: "from the web tier" });
// MISTAKE (sg-prefer-security-group-references): the whole VPC range instead of the clients' group.
ingress("app-from-vpc", app, { ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidrIpv4: "10.0.0.0/16", description: "from inside the VPC" });
// MISTAKE (sg-rule-quota): 61 partner hosts, one rule each, on top of the group's other rules.
new aws.ec2.SecurityGroupRule("app-from-partners", {
    type: "ingress", securityGroupId: app.id, protocol: "tcp", fromPort: 8443, toPort: 8443,
    cidrBlocks: Array.from({ length: 61 }, (_, i) => `198.51.100.${i + 1}/32`), description: "partner API clients",
});
// MISTAKE (sg-egress-restricted): the app tier may send anything anywhere.
egress("app-anywhere", app, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "anything, anywhere" });
egress("app-to-db", app, { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: db.id, description: "to PostgreSQL" });
ingress("db-from-app", db, { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: app.id, description: "from the app tier" });
// MISTAKE (sg-db-ingress-only-from-security-groups, db-ingress-only-via-security-groups): the
// database port opened to a subnet's CIDR, so anything that lands in that subnet reaches it.
new aws.ec2.SecurityGroupRule("db-from-app-subnet", {
    type: "ingress", securityGroupId: db.id, protocol: "tcp", fromPort: 5432, toPort: 5432,
    cidrBlocks: ["10.0.1.0/24"], description: "PostgreSQL from the app subnet",
});

// MISTAKE (sg-no-admin-ports-from-world, sg-ingress-from-world-allowed-ports,
// sg-world-ingress-only-on-load-balancers): SSH from the whole internet, on an instance.
const bastion = group("bastion", "SSH bastion");
ingress("bastion-ssh", bastion, { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0", description: "SSH from anywhere" });

// MISTAKE (sg-unused): a group nothing uses any more.
group("legacy", "Left over from the old stack");

new aws.lb.LoadBalancer("alb", { loadBalancerType: "application", securityGroups: [alb.id], subnets: [publicA.id] });
// MISTAKE (eni-security-group-limit): a sixth security group on one network interface (AWS allows 5).
const sidecars = ["ssm", "monitoring", "backup", "audit", "debug"].map((n) => group(n, `Sidecar: ${n}`).id);
new aws.ec2.Instance("web", { ami: "ami-123", instanceType: "t3.micro", subnetId: appA.id, vpcSecurityGroupIds: [web.id, ...sidecars] });
new aws.ec2.Instance("app", { ami: "ami-123", instanceType: "t3.micro", subnetId: appA.id, vpcSecurityGroupIds: [app.id] });
// MISTAKE (compute-reachable-only-through-load-balancers, admin-ports-not-reachable-from-internet): the bastion has a
// public address in a public subnet, so with the SSH rule and the network ACL's SSH entry the internet has a path to it.
new aws.ec2.Instance("bastion", {
    ami: "ami-123", instanceType: "t3.micro", subnetId: bastionA.id, vpcSecurityGroupIds: [bastion.id], associatePublicIpAddress: true,
});
const dbSubnets = new aws.rds.SubnetGroup("db", { subnetIds: [dbA.id, appA.id] });
new aws.rds.Instance("db", {
    engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20, dbSubnetGroupName: dbSubnets.name,
    vpcSecurityGroupIds: [db.id], publiclyAccessible: false, username: "app", manageMasterUserPassword: true,
});

new aws.ec2.NetworkAcl("public", {
    vpcId: vpc.id,
    subnetIds: [publicA.id, bastionA.id],
    ingress: [
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 120, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "10.0.0.0/16" },
        // MISTAKE (nacl-no-admin-ports-from-world): SSH from the whole internet at the subnet edge too.
        { ruleNo: 130, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
    ],
    egress: [
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlock: "10.0.1.0/24" },
        { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0" },
        // MISTAKE (nacl-rules-effective): the same rule number twice in one direction.
        { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 8443, toPort: 8443, cidrBlock: "10.0.1.0/24" },
    ],
});
// The app subnets: web and app traffic from inside the VPC, PostgreSQL to the database subnet, and
// the replies both ways (specific entries first, so that none is shadowed).
const appAcl = new aws.ec2.NetworkAcl("app", {
    vpcId: vpc.id,
    ingress: [
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 8080, toPort: 8443, cidrBlock: "10.0.0.0/16" },
        { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "10.0.0.0/16" },
    ],
    egress: [
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlock: "10.0.2.0/24" },
        { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "10.0.0.0/16" },
    ],
});
new aws.ec2.NetworkAclAssociation("app-a", { networkAclId: appAcl.id, subnetId: appA.id });
// MISTAKE (nacl-ephemeral-return-traffic): the database subnet admits PostgreSQL but has no outbound
// entry for the replies (network ACLs are stateless: replies go to the client's ephemeral ports).
const dbAcl = new aws.ec2.NetworkAcl("db", {
    vpcId: vpc.id,
    ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlock: "10.0.1.0/24" }],
});
new aws.ec2.NetworkAclAssociation("db-a", { networkAclId: dbAcl.id, subnetId: dbA.id });
