// The processes below a PID, read from Linux's /proc: each with its start time, so that a PID the
// kernel has given to a new process since does not count as the same process.
import * as fs from "fs";

export interface Proc {
    pid: number;
    ppid: number;
    /** Clock ticks after boot at which it started (field 22 of /proc/<pid>/stat). */
    start: string;
    /** Process state (field 3): R, S, Z (zombie), ... */
    state: string;
    cmdline: string;
}

function read(pid: number): Proc | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
        return { pid, ppid: Number(fields[1]), start: fields[19], state: fields[0], cmdline };
    } catch {
        return undefined; // gone meanwhile
    }
}

export function allProcesses(): Proc[] {
    return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map((d) => read(Number(d))).filter((p): p is Proc => p !== undefined);
}

/** Every process below `pid` (children, their children, ...). */
export function descendants(pid: number): Proc[] {
    const all = allProcesses();
    const out: Proc[] = [];
    const parents = [pid];
    while (parents.length > 0) {
        const parent = parents.pop() as number;
        for (const p of all.filter((x) => x.ppid === parent)) {
            out.push(p);
            parents.push(p.pid);
        }
    }
    return out;
}

/** True while the same process (same PID and start time) exists, as a zombie too. */
export function stillThere(p: Proc): boolean {
    const now = read(p.pid);
    return now !== undefined && now.start === p.start;
}
