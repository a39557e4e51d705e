// Shell pieces every cloud's VM boot script shares: quoting, the container's liveness probe,
// files written by heredoc. Each cloud's userData.ts adds its own secret reader, log driver and
// load-balancer drain around them.

/** The seed's liveness probe: every 10 s after a 30 s start period. */
const HEALTH = { interval: "10s", timeout: "5s", retries: 3, startPeriod: "30s" };

/** Quotes a value for bash: the only character to care about inside single quotes is `'`. */
export function shellQuote(value: string): string {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Container variable names an env file and the shell both take. */
export function assertEnvName(name: string): void {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) {
        throw new Error(`Invalid container variable name "${name}": use upper-case letters, digits and _`);
    }
}

/** `docker run` flags for the liveness probe of a web service on its health path; none for workers. */
export function healthFlags(service: { kind: string; port?: number; healthPath?: string }): string[] {
    if (service.kind !== "web" || !service.port || !service.healthPath) {
        return [];
    }
    // curl or wget, whichever the image ships; no probe tool counts as unhealthy.
    const url = `http://127.0.0.1:${service.port}${service.healthPath}`;
    const probe = `curl -fsS ${url} >/dev/null || wget -q -O /dev/null ${url} || exit 1`;
    return [
        `--health-cmd ${shellQuote(probe)}`,
        `--health-interval ${HEALTH.interval}`,
        `--health-timeout ${HEALTH.timeout}`,
        `--health-retries ${HEALTH.retries}`,
        `--health-start-period ${HEALTH.startPeriod}`,
    ];
}

/** A file written verbatim by a quoted heredoc (no expansion inside). */
export function heredoc(path: string, content: string, mode: string): string[] {
    const marker = "PLATFORM_EOF";
    if (content.split("\n").includes(marker)) {
        throw new Error(`${path} contains the heredoc marker ${marker}`);
    }
    return [`cat > ${path} <<'${marker}'`, content.replace(/\n$/, ""), marker, `chmod ${mode} ${path}`];
}
