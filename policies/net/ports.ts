import { IntervalSet, interval } from "./intervals";

/** A closed port range; a single port has from === to. Port 0 is a real port. */
export interface PortRange {
    readonly from: number;
    readonly to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

export function isPort(n: unknown): n is number {
    return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 65535;
}

export function rangeWidth(r: PortRange): number {
    return r.to - r.from + 1;
}

export function isAllPorts(r: PortRange): boolean {
    return r.from === 0 && r.to === 65535;
}

export function portSet(ranges: readonly PortRange[]): IntervalSet {
    return ranges.map((r) => interval(r.from, r.to));
}

export function formatPorts(r: PortRange): string {
    if (isAllPorts(r)) {
        return "all ports";
    }
    return r.from === r.to ? `port ${r.from}` : `ports ${r.from}-${r.to}`;
}

/**
 * Parses a port list from config: numbers (22) or range strings ("5985-5986").
 * Returns undefined when an entry is not a valid port or range.
 */
export function parsePortSpec(spec: unknown): PortRange | undefined {
    if (isPort(spec)) {
        return { from: spec, to: spec };
    }
    if (typeof spec === "string") {
        const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(spec);
        if (m) {
            const from = Number(m[1]);
            const to = m[2] === undefined ? from : Number(m[2]);
            if (isPort(from) && isPort(to) && from <= to) {
                return { from, to };
            }
        }
    }
    return undefined;
}
