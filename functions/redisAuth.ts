// Does a Redis server accept this AUTH token? A few lines of RESP over verified TLS, so the
// credentials function needs no Redis client library: AUTH <token>, then PING.

import { isIP } from "net";
import { connect as tlsConnect } from "tls";

export interface RedisEndpoint {
    host: string;
    port: number;
}

export interface RedisProbeOptions {
    /** Extra CA certificates (PEM); managed Redis services present publicly trusted certificates. */
    ca?: string;
    timeoutMs?: number;
}

export type RedisAuthCheck = (endpoint: RedisEndpoint, token: string) => Promise<boolean>;

function bulk(value: string): string {
    return `$${Buffer.byteLength(value)}\r\n${value}\r\n`;
}

/** The two commands as one write: a server reads them in order, so one round trip answers both. */
export function authThenPing(token: string): string {
    return `*2\r\n${bulk("AUTH")}${bulk(token)}*1\r\n${bulk("PING")}`;
}

/**
 * true when the server answers +OK to AUTH and +PONG to PING, false when it refuses the token.
 * Throws when the server cannot be reached or its certificate is not trusted: "unreachable" must
 * never read as "wrong token".
 */
export function redisAcceptsToken(endpoint: RedisEndpoint, token: string, options: RedisProbeOptions = {}): Promise<boolean> {
    return new Promise((resolve, reject) => {
        const socket = tlsConnect({
            host: endpoint.host,
            port: endpoint.port,
            servername: isIP(endpoint.host) === 0 ? endpoint.host : undefined,
            rejectUnauthorized: true,
            minVersion: "TLSv1.2",
            ...(options.ca ? { ca: options.ca } : {}),
        });
        let buffered = "";
        const replies: string[] = [];
        const finish = (error: Error | undefined, accepted?: boolean): void => {
            socket.removeAllListeners();
            socket.on("error", () => undefined);
            socket.destroy();
            if (error) {
                reject(error);
            } else {
                resolve(accepted === true);
            }
        };
        socket.setTimeout(options.timeoutMs ?? 5_000, () => finish(new Error(`no answer from ${endpoint.host}:${endpoint.port} within the timeout`)));
        socket.on("error", (error) => finish(error));
        socket.on("close", () => finish(new Error(`${endpoint.host}:${endpoint.port} closed the connection after ${replies.length} of 2 replies`)));
        socket.on("secureConnect", () => socket.write(authThenPing(token)));
        socket.on("data", (chunk: Buffer) => {
            buffered += chunk.toString("utf8");
            let end: number;
            while ((end = buffered.indexOf("\r\n")) >= 0) {
                replies.push(buffered.slice(0, end));
                buffered = buffered.slice(end + 2);
            }
            if (replies.length >= 2) {
                const [auth, ping] = replies;
                if (auth.startsWith("-")) {
                    // WRONGPASS / invalid password / no password configured: the token is not what guards this server.
                    finish(undefined, false);
                } else if (auth === "+OK" && ping === "+PONG") {
                    finish(undefined, true);
                } else {
                    finish(new Error(`unexpected replies from ${endpoint.host}:${endpoint.port}: ${JSON.stringify(replies.slice(0, 2).map((reply) => reply.slice(0, 80)))}`));
                }
            }
        });
    });
}
