// A PKCS#12 (PFX) file from a PEM certificate and its RSA key: the only form Application Gateway
// takes a listener certificate in (a Key Vault secret holding an unencrypted, MAC-protected PFX
// with an empty password, as Key Vault itself stores certificates). Node has no PKCS#12 writer
// and the program adds no dependency for one, so this is RFC 7292's minimal profile: one
// unencrypted key bag and one certificate bag sharing a localKeyId, and a SHA-256 HMAC.
// Pure byte assembly, no key parsing: the PEM bodies are wrapped as they are.

import { createHash, createHmac } from "crypto";

const OID = {
    data: "1.2.840.113549.1.7.1",
    keyBag: "1.2.840.113549.1.12.10.1.1",
    certBag: "1.2.840.113549.1.12.10.1.3",
    x509Certificate: "1.2.840.113549.1.9.22.1",
    localKeyId: "1.2.840.113549.1.9.21",
    rsaEncryption: "1.2.840.113549.1.1.1",
    sha256: "2.16.840.1.101.3.4.2.1",
};
const MAC_ITERATIONS = 2048;

function length(size: number): Buffer {
    if (size < 0x80) {
        return Buffer.from([size]);
    }
    const bytes: number[] = [];
    for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) {
        bytes.unshift(rest % 256);
    }
    return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
    const body = Buffer.concat(content);
    return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const octets = (value: Buffer) => tlv(0x04, value);
const explicit0 = (value: Buffer) => tlv(0xa0, value);
const NULL = Buffer.from([0x05, 0x00]);

function integer(value: number): Buffer {
    const bytes: number[] = [];
    for (let rest = value; rest > 0 || bytes.length === 0; rest = Math.floor(rest / 256)) {
        bytes.unshift(rest % 256);
    }
    return tlv(0x02, Buffer.from(bytes[0] & 0x80 ? [0, ...bytes] : bytes));
}

function oid(dotted: string): Buffer {
    const [first, second, ...rest] = dotted.split(".").map(Number);
    const bytes = [first * 40 + second];
    for (const arc of rest) {
        const chunk = [arc & 0x7f];
        for (let value = arc >> 7; value > 0; value >>= 7) {
            chunk.unshift((value & 0x7f) | 0x80);
        }
        bytes.push(...chunk);
    }
    return tlv(0x06, Buffer.from(bytes));
}

/** The DER inside a PEM block of the given label. */
export function pemBody(pem: string, label: string): Buffer {
    const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)(?:-----END ${label}-----|$)`).exec(pem);
    if (!match) {
        throw new Error(`no "${label}" PEM block`);
    }
    return Buffer.from(match[1].replace(/\s+/g, ""), "base64");
}

/** RSA PKCS#1 key -> PKCS#8 PrivateKeyInfo, by wrapping. */
function privateKeyInfo(pkcs1: Buffer): Buffer {
    return sequence(integer(0), sequence(oid(OID.rsaEncryption), NULL), octets(pkcs1));
}

function bag(type: string, value: Buffer, keyId: Buffer): Buffer {
    return sequence(oid(type), explicit0(value), set(sequence(oid(OID.localKeyId), set(octets(keyId)))));
}

function dataContent(value: Buffer): Buffer {
    return sequence(oid(OID.data), explicit0(octets(value)));
}

/** RFC 7292 appendix B.2: the MAC key from the password (BMPString, NUL-terminated) and salt. */
export function pkcs12Kdf(password: string, salt: Buffer, iterations: number, size: number): Buffer {
    const u = 32;
    const v = 64;
    const pass = Buffer.alloc((password.length + 1) * 2);
    for (let i = 0; i < password.length; i++) {
        pass.writeUInt16BE(password.charCodeAt(i), i * 2);
    }
    const stretch = (input: Buffer) => {
        const out = Buffer.alloc(v * Math.ceil(input.length / v));
        for (let i = 0; i < out.length; i++) {
            out[i] = input[i % input.length];
        }
        return out;
    };
    const i = Buffer.concat([stretch(salt), stretch(pass)]);
    const d = Buffer.alloc(v, 3);
    const result: Buffer[] = [];
    for (let produced = 0; produced < size; produced += u) {
        let a = createHash("sha256").update(Buffer.concat([d, i])).digest();
        for (let round = 1; round < iterations; round++) {
            a = createHash("sha256").update(a).digest();
        }
        result.push(a);
        const b = stretch(a).subarray(0, v);
        for (let offset = 0; offset < i.length; offset += v) {
            let carry = 1;
            for (let k = v - 1; k >= 0; k--) {
                const sum = i[offset + k] + b[k] + carry;
                i[offset + k] = sum & 0xff;
                carry = sum >> 8;
            }
        }
    }
    return Buffer.concat(result).subarray(0, size);
}

/** The key as PKCS#8: a PKCS#8 PEM as it is, an RSA (PKCS#1) one wrapped. */
function pkcs8Of(keyPem: string): Buffer {
    return keyPem.includes("-----BEGIN RSA PRIVATE KEY-----") ? privateKeyInfo(pemBody(keyPem, "RSA PRIVATE KEY")) : pemBody(keyPem, "PRIVATE KEY");
}

/**
 * A PFX holding the certificate and its key (PEM "RSA PRIVATE KEY", what @pulumi/tls writes for
 * RSA, or PKCS#8 "PRIVATE KEY"), base64-encoded, with an empty password. The salt is derived from the certificate so
 * the same inputs give the same file: a redeploy does not rewrite the secret.
 */
export function pfxBase64(certPem: string, keyPem: string): string {
    const cert = pemBody(certPem, "CERTIFICATE");
    const keyId = createHash("sha1").update(cert).digest();
    const keyContents = sequence(bag(OID.keyBag, pkcs8Of(keyPem), keyId));
    const certContents = sequence(bag(OID.certBag, sequence(oid(OID.x509Certificate), explicit0(octets(cert))), keyId));
    const authSafe = sequence(dataContent(certContents), dataContent(keyContents));
    const salt = createHash("sha256").update("pfx-mac-salt").update(cert).digest().subarray(0, 16);
    const mac = createHmac("sha256", pkcs12Kdf("", salt, MAC_ITERATIONS, 32)).update(authSafe).digest();
    const macData = sequence(sequence(sequence(oid(OID.sha256), NULL), octets(mac)), octets(salt), integer(MAC_ITERATIONS));
    return sequence(integer(3), dataContent(authSafe), macData).toString("base64");
}
