/**
 * The inputs of the @pulumi/aws resource classes, read from the package's own type definitions
 * (node_modules/@pulumi/aws: each resource's `<Class>Args` interface and the nested input types in
 * types/input.d.ts) with the TypeScript parser. The tests take resource shapes from here, never from
 * the code under test.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** How an input holds its value. */
export type Leaf = "list" | "string" | "boolean" | "number" | "object";

/** One input: its path ("*" steps into every element of a list), how it holds its value, and its documentation. */
export interface AwsInput {
    readonly path: readonly string[];
    readonly leaf: Leaf;
    readonly required: boolean;
    readonly doc: string;
}

/** A resource class: its type token, module ("ec2/instance"), class name, and every input, nested ones included. */
export interface AwsClass {
    readonly token: string;
    readonly module: string;
    readonly className: string;
    readonly inputs: readonly AwsInput[];
}

const ROOT = path.dirname(require.resolve("@pulumi/aws/package.json"));
/** Nested input types deeper than this are not followed (none that names a group is). */
const MAX_DEPTH = 8;

let inputTypes: Map<string, ts.InterfaceDeclaration> | undefined;
let inputText = "";

/** The nested input types of types/input.d.ts by qualified name ("ec2.InstanceNetworkInterface"). */
function nestedTypes(): Map<string, ts.InterfaceDeclaration> {
    if (!inputTypes) {
        const found = new Map<string, ts.InterfaceDeclaration>();
        const file = path.join(ROOT, "types", "input.d.ts");
        const walk = (node: ts.Node, prefix: string): void => node.forEachChild((c) => {
            if (ts.isModuleDeclaration(c) && c.body) {
                walk(c.body, prefix === "" ? c.name.text : `${prefix}.${c.name.text}`);
            } else if (ts.isInterfaceDeclaration(c)) {
                found.set(`${prefix}.${c.name.text}`, c);
            }
        });
        inputText = fs.readFileSync(file, "utf8");
        // Without parent pointers: three times faster on this 5 MB file, and nothing here needs them.
        walk(ts.createSourceFile(file, inputText, ts.ScriptTarget.Latest, false), "");
        inputTypes = found;
    }
    return inputTypes;
}

function qualified(n: ts.EntityName): string {
    return ts.isQualifiedName(n) ? `${qualified(n.left)}.${n.right.text}` : n.text;
}

/** What a type is: a list, a scalar, or an object whose members are listed. */
function leafOf(t: ts.TypeNode): { leaf: Leaf; members?: ts.NodeArray<ts.TypeElement>; list?: boolean } {
    if (ts.isParenthesizedTypeNode(t)) {
        return leafOf(t.type);
    }
    if (ts.isUnionTypeNode(t)) {
        const parts = t.types.filter((x) => x.kind !== ts.SyntaxKind.UndefinedKeyword);
        return leafOf(parts[0]);
    }
    if (ts.isArrayTypeNode(t)) {
        const inner = leafOf(t.elementType);
        return inner.members ? { leaf: "list", members: inner.members, list: true } : { leaf: "list" };
    }
    if (ts.isTypeReferenceNode(t)) {
        const name = qualified(t.typeName);
        if (name === "pulumi.Input" && t.typeArguments) {
            return leafOf(t.typeArguments[0]);
        }
        const nested = name.startsWith("inputs.") ? nestedTypes().get(name.slice("inputs.".length)) : undefined;
        return nested ? { leaf: "object", members: nested.members } : { leaf: "object" };
    }
    if (ts.isTypeLiteralNode(t)) {
        return { leaf: "object", members: t.members };
    }
    switch (t.kind) {
        case ts.SyntaxKind.StringKeyword:
            return { leaf: "string" };
        case ts.SyntaxKind.BooleanKeyword:
            return { leaf: "boolean" };
        case ts.SyntaxKind.NumberKeyword:
            return { leaf: "number" };
        default:
            return { leaf: "object" };
    }
}

function inputsOf(members: ts.NodeArray<ts.TypeElement>, prefix: readonly string[], depth: number, out: AwsInput[]): void {
    for (const m of members) {
        if (!ts.isPropertySignature(m) || !m.type || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
            continue;
        }
        const at = [...prefix, m.name.text];
        const { leaf, members: inner, list } = leafOf(m.type);
        const docs = (m as unknown as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
        const doc = docs.map((d) => (typeof d.comment === "string" ? d.comment : "")).join(" ").replace(/\s+/g, " ");
        out.push({ path: at, leaf: inner && !list ? "object" : leaf, required: !m.questionToken, doc });
        if (inner && depth < MAX_DEPTH) {
            inputsOf(inner, list ? [...at, "*"] : at, depth + 1, out);
        }
    }
}

let classes: AwsClass[] | undefined;

/** The nested input types that hold (at any depth) an input whose name mentions security groups. */
function typesWithGroups(): Set<string> {
    const refs = new Map<string, string[]>();
    const found = new Set<string>();
    for (const [name, decl] of nestedTypes()) {
        const text = inputText.slice(decl.pos, decl.end);
        if (decl.members.some((m) => m.name !== undefined && ts.isIdentifier(m.name) && /securityGroup/i.test(m.name.text))) {
            found.add(name);
        }
        refs.set(name, [...text.matchAll(/inputs\.([\w.]+)/g)].map((m) => m[1]));
    }
    for (let grown = true; grown;) {
        grown = false;
        for (const [name, to] of refs) {
            if (!found.has(name) && to.some((t) => found.has(t))) {
                found.add(name);
                grown = true;
            }
        }
    }
    return found;
}

/** Every resource class of @pulumi/aws whose inputs mention security groups (by name), with all its inputs. */
export function awsClassesWithGroups(): readonly AwsClass[] {
    if (!classes) {
        classes = [];
        const nested = typesWithGroups();
        const relevant = (text: string) => /ecurityGroup/.test(text) || [...text.matchAll(/inputs\.([\w.]+)/g)].some((m) => nested.has(m[1]));
        for (const dir of fs.readdirSync(ROOT).filter((d) => d !== "types" && fs.statSync(path.join(ROOT, d)).isDirectory()).sort()) {
            for (const file of fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(".d.ts")).sort()) {
                const text = fs.readFileSync(path.join(ROOT, dir, file), "utf8");
                if (!/extends pulumi\.CustomResource/.test(text) || !relevant(text)) {
                    continue;
                }
                const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
                const cls = source.statements.find(ts.isClassDeclaration)?.name?.text;
                const args = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `${cls}Args`);
                if (!cls || !args) {
                    continue;
                }
                const inputs: AwsInput[] = [];
                inputsOf(args.members, [], 0, inputs);
                const module = `${dir}/${file.replace(/\.d\.ts$/, "")}`;
                const token = (require(`@pulumi/aws/${module}`) as Record<string, { __pulumiType?: string }>)[cls].__pulumiType as string;
                classes.push({ token, module, className: cls, inputs });
            }
        }
    }
    return classes;
}

/** Inputs whose name says they hold security groups (IDs, names or ARNs), or a setting about them. */
export function namesGroups(input: AwsInput): boolean {
    return /securityGroup/i.test(input.path[input.path.length - 1]);
}
