// A throwaway certificate authority and a server certificate for localhost (and 127.0.0.1), made
// with openssl, so the tests verify TLS exactly as production does: chain and host name.
import { execFileSync } from "child_process";
import { chmodSync, chownSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";

export interface TestPki {
    caPem: string;
    certPath: string;
    keyPath: string;
    certPem: string;
    keyPem: string;
}

function openssl(args: string[], cwd: string): void {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** Writes ca.crt, server.crt and server.key into `dir`; the key is 0600 and owned by `owner` when given. */
export function makeTestPki(dir: string, owner?: { uid: number; gid: number }): TestPki {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(["req", "-x509", "-new", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=platform test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
    openssl(["req", "-new", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], dir);
    writeFileSync(
        path.join(dir, "server.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    );
    openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext"], dir);
    const keyPath = path.join(dir, "server.key");
    const certPath = path.join(dir, "server.crt");
    chmodSync(keyPath, 0o600);
    if (owner) {
        chownSync(keyPath, owner.uid, owner.gid);
        chownSync(certPath, owner.uid, owner.gid);
    }
    return {
        caPem: readFileSync(path.join(dir, "ca.crt"), "utf8"),
        certPath,
        keyPath,
        certPem: readFileSync(certPath, "utf8"),
        keyPem: readFileSync(keyPath, "utf8"),
    };
}
