// Symbolic sequence numbers: `x` binds to the value first seen on the wire; `x+1` is checked
// against it. Arithmetic modulo 2^32. Also turns absolute numbers back into the script's terms
// (`1001` → `x+1`) for labels and messages.
import type { SeqExpr } from '../language/ast';

export class SymbolTable {
  private readonly values = new Map<string, number>();

  get(name: string): number | undefined {
    return this.values.get(name);
  }

  entries(): Record<string, number> {
    return Object.fromEntries(this.values);
  }

  /** The value an expression stands for, or undefined if it names an unbound symbol. */
  evaluate(expr: SeqExpr): number | undefined {
    if (expr.kind === 'number') return expr.value >>> 0;
    const base = this.values.get(expr.name);
    return base === undefined ? undefined : (base + expr.offset) >>> 0;
  }

  /** Binds the expression's symbol so that the expression equals `actual`. */
  bind(expr: SeqExpr, actual: number): void {
    if (expr.kind === 'symbol' && !this.values.has(expr.name)) this.values.set(expr.name, (actual - expr.offset) >>> 0);
  }

  /** `x+1` for 1001 when x = 1000; the number itself when no symbol is near. */
  symbolize(value: number): string {
    let best: { name: string; d: number } | null = null;
    for (const [name, base] of this.values) {
      const d = (value - base) >>> 0;
      if (d < 0x100000 && (!best || d < best.d)) best = { name, d };
    }
    if (!best) return String(value);
    return best.d === 0 ? best.name : `${best.name}+${best.d}`;
  }
}

/** How an expression is written: `x+1`, `y-3`, `100`. */
export function exprText(expr: SeqExpr): string {
  if (expr.kind === 'number') return String(expr.value);
  if (expr.offset === 0) return expr.name;
  return expr.offset > 0 ? `${expr.name}+${expr.offset}` : `${expr.name}${expr.offset}`;
}

/** Writes `value` the way the script wrote `like`: symbolically if it used a symbol. */
export function writeLike(like: SeqExpr | undefined, value: number, symbols: SymbolTable): string {
  if (like?.kind === 'symbol') {
    const base = symbols.get(like.name);
    if (base !== undefined) {
      const d = ((value - base) | 0);
      if (Math.abs(d) < 0x100000) return d === 0 ? like.name : d > 0 ? `${like.name}+${d}` : `${like.name}${d}`;
    }
  }
  if (like?.kind === 'number') return String(value);
  return symbols.symbolize(value);
}
