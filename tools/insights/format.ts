// Number formatting shared by the text reports, so a formula and its total read the same way.

/** "$1,234.56" */
export function money(amount: number): string {
    return `$${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A unit price with the precision the price list uses: "$0.1664", "$0.023", "$5.00". */
export function unitPrice(price: number): string {
    return `$${Number(price.toPrecision(6)).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}

/** A quantity without trailing zeros: 3, 0.5, 33.33. */
export function qty(value: number): string {
    return Number(value.toFixed(2)).toLocaleString("en-US", { maximumFractionDigits: 2 });
}

export function minutes(value: number): string {
    return `${Number(value.toFixed(1))} min`;
}

/** Cents, so items add up to the printed total exactly. */
export function cents(amount: number): number {
    return Math.round(amount * 100) / 100;
}

/** Left-aligned columns; numeric-looking cells right-aligned unless `alignNumbers` is false. */
export function table(rows: string[][], alignNumbers = true): string {
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
    const numeric = (cell: string): boolean => /^[-$\d.,% ]+( min)?$/.test(cell) && /\d/.test(cell);
    return rows
        .map((row) => row.map((cell, column) => (alignNumbers && numeric(cell) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ").trimEnd())
        .join("\n");
}
