// Generated credentials: letters and digits only, so a value never needs quoting or escaping in a
// URL (DATABASE_URL, REDIS_URL), a shell line, an env file or a JSON document, and ElastiCache
// accepts it as an AUTH token. At 62 symbols a character carries 5.95 bits.

import { randomInt } from "crypto";

export const URL_SAFE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` characters drawn uniformly (randomInt rejects biased draws) from the URL-safe alphabet. */
export function randomUrlSafe(length: number): string {
    if (!Number.isInteger(length) || length < 16 || length > 4096) {
        throw new Error(`a generated value needs a whole length between 16 and 4096, got ${length}`);
    }
    let value = "";
    for (let index = 0; index < length; index++) {
        value += URL_SAFE_ALPHABET[randomInt(URL_SAFE_ALPHABET.length)];
    }
    return value;
}
