/**
 * A program's configuration as `pulumi preview` hands it to the Node.js language host: the stack settings
 * file `Pulumi.<stack>.yaml` (or `--config-file`), then `--config`/`--secret` flags over it, then the
 * project's own config (`config:` in Pulumi.yaml) for keys neither sets. Keys are `<namespace>:<name>`, a
 * name without a namespace belongs to the project. Values are strings (an object or list as its JSON). A
 * `secure:` value cannot be decrypted without the stack's secrets provider: the program gets the unknown
 * value, as a secret.
 */
import * as fs from "fs";
import * as path from "path";
import { UNKNOWN_STRING } from "../policies/model/values";
import { InputError } from "./errors";

interface Yaml { load(text: string, opts?: { schema: unknown }): unknown; FAILSAFE_SCHEMA: unknown }
const yaml = require("js-yaml") as Yaml;

/** What the command line says about config. */
export interface ConfigFlags {
    /** `key=value`, in the order given. */
    config: string[];
    secret: string[];
    /** A stack settings file to read instead of Pulumi.<stack>.yaml. */
    configFile?: string;
}

/** Plain data, handed to the program's runtime (runtime.setAllConfig). */
export interface ProgramConfig {
    /** Full key (`namespace:name`) to the string the program reads. */
    values: { [key: string]: string };
    /** Keys whose values are secrets. */
    secretKeys: string[];
    /** `secure:` keys check cannot decrypt (their value is unknown). */
    undecryptable: string[];
    /** The stack settings file that was read, or would be, as shown to the user. */
    stackFile: string;
}

type Doc = { [key: string]: unknown };

const isObject = (v: unknown): v is Doc => typeof v === "object" && v !== null && !Array.isArray(v);

function load(file: string, shown: string, what: string, failsafe: boolean): unknown {
    try {
        return yaml.load(fs.readFileSync(file, "utf8"), failsafe ? { schema: yaml.FAILSAFE_SCHEMA } : undefined);
    } catch (e) {
        throw new InputError(`${what} ${shown} is not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}`);
    }
}

/** `ns:name`, `ns:config:name` (the old form) or, with no namespace, the project's. */
export function fullKey(key: string, project: string, shown: string): string {
    const parts = key.split(":");
    if (parts.length === 1 && key !== "") {
        return `${project}:${key}`;
    }
    if (parts.length === 2 && parts[0] !== "" && parts[1] !== "") {
        return key;
    }
    if (parts.length === 3 && parts[1] === "config" && parts[0] !== "" && parts[2] !== "") {
        return `${parts[0]}:${parts[2]}`;
    }
    throw new InputError(`${shown}: '${key}' is not a configuration key: use <namespace>:<name>, e.g. ${project}:vpcCidr or aws:region`);
}

/** JSON with object keys sorted, as Pulumi writes an object value; `secure:` parts are unknown. */
function objectJson(v: unknown): string {
    const norm = (x: unknown): unknown => {
        if (Array.isArray(x)) { return x.map(norm); }
        if (isObject(x)) {
            const keys = Object.keys(x);
            if (keys.length === 1 && keys[0] === "secure" && typeof x.secure === "string") { return UNKNOWN_STRING; }
            return Object.fromEntries(keys.sort().map((k) => [k, norm(x[k])]));
        }
        return x;
    };
    return JSON.stringify(norm(v));
}

const hasSecure = (v: unknown): boolean =>
    Array.isArray(v) ? v.some(hasSecure) : isObject(v) && (Object.keys(v).length === 1 && typeof v.secure === "string" || Object.values(v).some(hasSecure));

interface Entry { value: string; secret: boolean; undecryptable: boolean }

/** The `config:` of a stack settings file; scalars keep their text (a second, untyped parse). */
function stackEntries(file: string, shown: string, project: string): Map<string, Entry> {
    const typed = load(file, shown, "stack settings file", false);
    const text = load(file, shown, "stack settings file", true);
    if (typed === null || typed === undefined) { return new Map(); }
    if (!isObject(typed) || !isObject(text)) {
        throw new InputError(`stack settings file ${shown} must be a map with a config: section`);
    }
    const config = typed.config ?? {};
    const configText = (text.config ?? {}) as Doc;
    if (!isObject(config)) {
        throw new InputError(`stack settings file ${shown}: config: must be a map of keys to values`);
    }
    const out = new Map<string, Entry>();
    for (const [key, v] of Object.entries(config)) {
        const k = fullKey(key, project, shown);
        if (isObject(v) && Object.keys(v).length === 1 && "secure" in v) {
            if (typeof v.secure !== "string") {
                throw new InputError(`stack settings file ${shown}: ${key}: secure: must be the ciphertext string`);
            }
            out.set(k, { value: UNKNOWN_STRING, secret: true, undecryptable: true });
        } else if (isObject(v) || Array.isArray(v)) {
            const secure = hasSecure(v);
            out.set(k, { value: objectJson(v), secret: secure, undecryptable: secure });
        } else {
            const t = configText[key];
            out.set(k, { value: typeof t === "string" ? t : v === null || v === undefined ? "" : String(v), secret: false, undecryptable: false });
        }
    }
    return out;
}

/** A project config default or value as Pulumi turns it into a string: text for a scalar, JSON otherwise. */
function projectValue(v: unknown): string {
    return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v)) ? String(v) : objectJson(v);
}

interface Declared { key: string; fill?: string }

/** The `config:` of Pulumi.yaml: each key with the value it fills in, or none (a key the stack must set). */
function projectDeclarations(doc: Doc, shown: string, project: string): { declared: Declared[]; stackConfigDir?: string } {
    if (typeof doc.config === "string") { return { declared: [], stackConfigDir: doc.config }; }
    const stackConfigDir = typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : undefined;
    if (doc.config === undefined || doc.config === null) { return { declared: [], stackConfigDir }; }
    if (!isObject(doc.config)) {
        throw new InputError(`${shown}: config: must be a map of configuration keys`);
    }
    const declared: Declared[] = [];
    for (const [key, raw] of Object.entries(doc.config)) {
        const k = fullKey(key, project, shown);
        const own = k.startsWith(`${project}:`);
        // A scalar or list is shorthand: the project's own key's default, another namespace's value.
        const def = isObject(raw) ? raw : own ? { default: raw } : { value: raw };
        if (def.default !== undefined && def.value !== undefined) {
            throw new InputError(`${shown}: project config '${key}' cannot have both a 'default' and 'value' attribute`);
        }
        if (!own && def.default !== undefined) {
            throw new InputError(`${shown}: configuration key '${key}' is not namespaced by the project and should not define a default value; use 'value'`);
        }
        const v = def.default ?? def.value;
        if (!own && (v === undefined || v === null)) {
            throw new InputError(`${shown}: configuration key '${key}' is namespaced and must provide an attribute 'value'`);
        }
        declared.push(v === undefined || v === null ? { key: k } : { key: k, fill: projectValue(v) });
    }
    return { declared, stackConfigDir };
}

function flag(arg: string, option: string, project: string): [string, string] {
    const eq = arg.indexOf("=");
    if (eq <= 0) {
        throw new InputError(`${option} needs key=value, got '${arg}'`);
    }
    return [fullKey(arg.slice(0, eq), project, option), arg.slice(eq + 1)];
}

/** How to give a key a value: the one hint every message about missing config ends with. */
export function howToSet(key: string, secret: boolean, stackFile: string): string {
    return `pass ${secret ? "--secret" : "--config"} ${key}=<value>, or set it in ${stackFile}`;
}

/**
 * Reads the configuration of the program in `shown` (as given on the command line) for `stack`; undefined
 * when there is no project to read it for (running the program then says what is missing).
 */
export function readProgramConfig(shown: string, stack: string, flags: ConfigFlags): ProgramConfig | undefined {
    const dir = path.resolve(shown);
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].find((f) => fs.existsSync(path.join(dir, f)));
    let doc: unknown;
    try {
        doc = projectFile && yaml.load(fs.readFileSync(path.join(dir, projectFile), "utf8"));
    } catch {
        doc = undefined;
    }
    if (!projectFile || !isObject(doc) || typeof doc.name !== "string" || doc.name === "") {
        return undefined;
    }
    const project = doc.name;
    const { declared, stackConfigDir } = projectDeclarations(doc, path.join(shown, projectFile), project);
    // The stack file takes the project file's extension, with the last part of an org/project/stack name.
    const stackName = stack.split("/").pop() as string;
    const stackRel = path.join(stackConfigDir ?? "", `Pulumi.${stackName}${path.extname(projectFile)}`);
    const [file, fileShown] = flags.configFile !== undefined
        ? [path.resolve(flags.configFile), flags.configFile]
        : [path.join(dir, stackRel), path.join(shown, stackRel)];
    if (flags.configFile !== undefined && !fs.existsSync(file)) {
        throw new InputError(`--config-file ${flags.configFile} does not exist`);
    }
    const entries = fs.existsSync(file) ? stackEntries(file, fileShown, project) : new Map<string, Entry>();
    for (const arg of flags.config) {
        const [k, v] = flag(arg, "--config", project);
        entries.set(k, { value: v, secret: false, undecryptable: false });
    }
    for (const arg of flags.secret) {
        const [k, v] = flag(arg, "--secret", project);
        entries.set(k, { value: v, secret: true, undecryptable: false });
    }
    const missing: string[] = [];
    for (const d of declared) {
        if (entries.has(d.key)) { continue; }
        if (d.fill !== undefined) {
            entries.set(d.key, { value: d.fill, secret: false, undecryptable: false });
        } else {
            missing.push(d.key);
        }
    }
    if (missing.length > 0) {
        const keys = missing.sort().map((k) => `'${k}'`).join(", ");
        throw new InputError(`stack '${stack}' is missing configuration ${missing.length === 1 ? "value" : "values"} ${keys}, ` +
            `declared in ${path.join(shown, projectFile)} without a default: ${howToSet(missing[0], false, fileShown)}`);
    }
    const keys = [...entries.keys()];
    return {
        values: Object.fromEntries(keys.map((k) => [k, (entries.get(k) as Entry).value])),
        secretKeys: keys.filter((k) => entries.get(k)?.secret),
        undecryptable: keys.filter((k) => entries.get(k)?.undecryptable),
        stackFile: fileShown,
    };
}

const UNKNOWN_IN_CONFIG = new RegExp(`^Configuration '([^']+)' value '${UNKNOWN_STRING}'`);

/**
 * The reason a program stopped on its configuration, as one line that says how to set the key, or
 * undefined. Reads only the error's own fields (name, message, key, secret), which survive serialisation.
 */
export function configFailure(e: unknown, cfg: ProgramConfig): string | undefined {
    if (typeof e !== "object" || e === null) { return undefined; }
    const err = e as { message?: unknown; key?: unknown; secret?: unknown };
    const message = typeof err.message === "string" ? err.message : "";
    if (typeof err.key === "string" && typeof err.secret === "boolean" && message.startsWith("Missing required configuration variable")) {
        return `missing required configuration value '${err.key}': ${howToSet(err.key, err.secret, cfg.stackFile)}`;
    }
    const typed = UNKNOWN_IN_CONFIG.exec(message);
    if (typed && cfg.undecryptable.includes(typed[1])) {
        return `configuration value '${typed[1]}' is a secure value that check cannot decrypt, and the program reads more than a string ` +
            `from it: pass its value with --secret ${typed[1]}=<value>`;
    }
    return undefined;
}
