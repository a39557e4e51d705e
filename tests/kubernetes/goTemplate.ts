// A small evaluator of Go's text/template for the subset the contract ExternalSecret uses, with
// External Secrets' semantics: a missing map key is an error (missingkey=error). Functions:
// sprig's fromJson, hasKey and replace, Go's urlquery and eq. Actions: output, `$x := ...`,
// if/else/end, range $i, $v := ...; trim markers {{- and -}}; parentheses; string literals.

type Value = unknown;
type Node =
    | { type: "text"; text: string }
    | { type: "action"; pipeline: string }
    | { type: "if"; pipeline: string; then: Node[]; otherwise: Node[] }
    | { type: "range"; key: string; value: string; pipeline: string; body: Node[] };

/** Go's url.QueryEscape: letters, digits and -_.~ kept, space as "+", every other byte %XX. */
export function goQueryEscape(text: string): string {
    return Array.from(Buffer.from(text, "utf8"))
        .map((byte) => {
            const char = String.fromCharCode(byte);
            if (/[A-Za-z0-9_.~-]/.test(char)) {
                return char;
            }
            return char === " " ? "+" : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
        })
        .join("");
}

function print(value: Value): string {
    if (value === null || value === undefined) {
        return "<no value>";
    }
    return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

function truthy(value: Value): boolean {
    if (Array.isArray(value)) {
        return value.length > 0;
    }
    if (value !== null && typeof value === "object") {
        return Object.keys(value).length > 0;
    }
    return Boolean(value);
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
    fromJson: (text) => JSON.parse(String(text)),
    urlquery: (...args) => goQueryEscape(args.map(print).join("")),
    replace: (old, replacement, text) => String(text).split(String(old)).join(String(replacement)),
    hasKey: (map, key) => Object.prototype.hasOwnProperty.call(map, String(key)),
    eq: (a, b) => a === b,
};

/** Where the action opened before `from` closes: the first "}}" outside a string literal. */
function closingOf(text: string, from: number): number {
    let quoted = false;
    for (let i = from; i < text.length - 1; i++) {
        if (quoted) {
            if (text[i] === "\\") {
                i++;
            } else if (text[i] === '"') {
                quoted = false;
            }
        } else if (text[i] === '"') {
            quoted = true;
        } else if (text[i] === "}" && text[i + 1] === "}") {
            return i;
        }
    }
    return -1;
}

function tokenize(source: string): { text: string[]; actions: string[] } {
    const text: string[] = [];
    const actions: string[] = [];
    let rest = source;
    for (;;) {
        const open = rest.indexOf("{{");
        if (open < 0) {
            text.push(rest);
            return { text, actions };
        }
        const close = closingOf(rest, open + 2);
        if (close < 0) {
            throw new Error("unclosed action");
        }
        let before = rest.slice(0, open);
        let inner = rest.slice(open + 2, close);
        let after = rest.slice(close + 2);
        if (inner.startsWith("- ")) {
            before = before.replace(/\s+$/, "");
            inner = inner.slice(1);
        }
        if (inner.endsWith(" -")) {
            after = after.replace(/^\s+/, "");
            inner = inner.slice(0, -1);
        }
        text.push(before);
        actions.push(inner.trim());
        rest = after;
    }
}

function parse(source: string): Node[] {
    const { text, actions } = tokenize(source);
    let index = 0;
    const block = (terminators: string[]): { nodes: Node[]; end: string } => {
        const nodes: Node[] = [];
        for (;;) {
            if (text[index]) {
                nodes.push({ type: "text", text: text[index] });
            }
            if (index >= actions.length) {
                if (terminators.length > 0) {
                    throw new Error(`missing {{end}}`);
                }
                return { nodes, end: "" };
            }
            const action = actions[index++];
            if (terminators.includes(action)) {
                return { nodes, end: action };
            }
            if (action.startsWith("if ")) {
                const then = block(["else", "end"]);
                const otherwise = then.end === "else" ? block(["end"]).nodes : [];
                nodes.push({ type: "if", pipeline: action.slice(3), then: then.nodes, otherwise });
            } else if (action.startsWith("range ")) {
                const match = /^range (\$\w+), (\$\w+) := (.+)$/.exec(action);
                if (!match) {
                    throw new Error(`unsupported range: ${action}`);
                }
                nodes.push({ type: "range", key: match[1], value: match[2], pipeline: match[3], body: block(["end"]).nodes });
            } else {
                nodes.push({ type: "action", pipeline: action });
            }
        }
    };
    return block([]).nodes;
}

/** Splits on `sep` outside string literals and parentheses. */
function split(text: string, sep: RegExp): string[] {
    const parts: string[] = [];
    let depth = 0;
    let quoted = false;
    let current = "";
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (quoted) {
            current += char;
            if (char === "\\") {
                current += text[++i];
            } else if (char === '"') {
                quoted = false;
            }
            continue;
        }
        if (char === '"') {
            quoted = true;
        } else if (char === "(") {
            depth++;
        } else if (char === ")") {
            depth--;
        }
        if (depth === 0 && sep.test(char)) {
            if (current.trim()) {
                parts.push(current.trim());
            }
            current = "";
            continue;
        }
        current += char;
    }
    if (current.trim()) {
        parts.push(current.trim());
    }
    return parts;
}

class Scope {
    constructor(
        readonly data: Record<string, Value>,
        readonly variables: Map<string, Value>,
    ) {}

    field(base: Value, path: string[], where: string): Value {
        let value = base;
        for (const key of path) {
            if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, key)) {
                throw new Error(`map has no entry for key "${key}" (${where})`);
            }
            value = (value as Record<string, Value>)[key];
        }
        return value;
    }

    operand(token: string): Value {
        if (token.startsWith("(")) {
            return this.pipeline(token.slice(1, -1));
        }
        if (token.startsWith('"')) {
            return JSON.parse(token);
        }
        if (/^-?\d+$/.test(token)) {
            return Number(token);
        }
        if (token.startsWith(".")) {
            return this.field(this.data, token.slice(1).split("."), token);
        }
        if (token.startsWith("$")) {
            const [name, ...path] = token.split(".");
            if (!this.variables.has(name)) {
                throw new Error(`undefined variable ${name}`);
            }
            return this.field(this.variables.get(name), path, token);
        }
        throw new Error(`unsupported operand ${token}`);
    }

    pipeline(text: string): Value {
        let piped: Value = undefined;
        let first = true;
        for (const command of split(text, /\|/)) {
            const words = split(command, /\s/);
            const fn = FUNCTIONS[words[0]];
            if (fn) {
                const args = words.slice(1).map((word) => this.operand(word));
                piped = fn(...(first ? args : [...args, piped]));
            } else if (words.length === 1 && first) {
                piped = this.operand(words[0]);
            } else {
                throw new Error(`unsupported command ${command}`);
            }
            first = false;
        }
        return piped;
    }

    run(nodes: Node[]): string {
        let out = "";
        for (const node of nodes) {
            if (node.type === "text") {
                out += node.text;
            } else if (node.type === "if") {
                out += this.run(truthy(this.pipeline(node.pipeline)) ? node.then : node.otherwise);
            } else if (node.type === "range") {
                const list = this.pipeline(node.pipeline);
                if (!Array.isArray(list)) {
                    throw new Error("range over a non-list");
                }
                list.forEach((item, i) => {
                    const inner = new Scope(this.data, new Map([...this.variables, [node.key, i], [node.value, item]]));
                    out += inner.run(node.body);
                });
            } else {
                const assignment = /^(\$\w+) := (.+)$/.exec(node.pipeline);
                if (assignment) {
                    this.variables.set(assignment[1], this.pipeline(assignment[2]));
                } else {
                    out += print(this.pipeline(node.pipeline));
                }
            }
        }
        return out;
    }
}

/** Renders one template with `data` as its dot, as External Secrets' engine v2 does. */
export function renderGoTemplate(source: string, data: Record<string, Value>): string {
    return new Scope(data, new Map()).run(parse(source));
}
