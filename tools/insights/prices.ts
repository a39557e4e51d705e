// The dated price books under tools/prices/, one per cloud. Prices live in data, not code, so
// a price update is a reviewed data change with its source next to it.

import awsPrices from "../prices/aws.json";
import azurePrices from "../prices/azure.json";
import gcpPrices from "../prices/gcp.json";
import kubernetesPrices from "../prices/kubernetes.json";

export type Evidence = "src" | "derived" | "mem";

export interface PriceItem {
    price: number;
    unit: string;
    evidence: Evidence;
    source: string;
    asOf?: string;
}

export interface PriceBook {
    cloud: string;
    currency: "USD";
    priceDate: string;
    hoursPerMonth: number;
    regions: string[];
    otherRegions: string;
    items: Record<string, PriceItem>;
}

const BOOKS: Record<string, PriceBook> = {
    aws: awsPrices as PriceBook,
    gcp: gcpPrices as PriceBook,
    azure: azurePrices as PriceBook,
    kubernetes: kubernetesPrices as PriceBook,
};

export function priceBookFor(cloud: string): PriceBook | undefined {
    return BOOKS[cloud];
}

/** Looks an item up; a missing key is a gap in the price book, reported as "not priced". */
export class Prices {
    constructor(public readonly book: PriceBook) {}

    has(key: string): boolean {
        return key in this.book.items;
    }

    get(key: string): number {
        const item = this.book.items[key];
        if (!item) {
            throw new MissingPrice(key);
        }
        return item.price;
    }

    get hours(): number {
        return this.book.hoursPerMonth;
    }
}

export class MissingPrice extends Error {
    constructor(public readonly key: string) {
        super(`no price for "${key}" in tools/prices`);
    }
}
