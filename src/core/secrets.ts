// The redactor: every registered secret value is replaced before any line we print or return as JSON.
const MASK = '***';
/** Values shorter than this would mask ordinary words and numbers everywhere, so they are not registered. */
const MIN_SECRET_LENGTH = 4;

/** Keeps the set of secret values of one run and scrubs them from text and JSON-able data. */
export class Secrets {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;
  readonly #listeners: Array<(value: string) => void> = [];

  /** Registers a value for redaction (and for `::add-mask::` under GitHub Actions). */
  add(value: string | undefined): void {
    if (value === undefined) return;
    for (const v of [value, ...value.split(/\r?\n/)]) {
      const trimmed = v.trim();
      if (!canBeSecret(trimmed) || this.#values.has(trimmed)) continue;
      this.#values.add(trimmed);
      this.#pattern = undefined;
      for (const listener of this.#listeners) listener(trimmed);
    }
  }

  /** Calls `listener` for each value registered from now on. */
  onAdd(listener: (value: string) => void): void {
    this.#listeners.push(listener);
  }

  get size(): number {
    return this.#values.size;
  }

  /** Text with every registered value replaced by `***`. */
  redact(text: string): string {
    if (this.#values.size === 0 || text.length === 0) return text;
    this.#pattern ??= new RegExp(
      [...this.#values].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
      'g',
    );
    return text.replace(this.#pattern, MASK);
  }

  /** A deep copy of JSON-able data with every string redacted. */
  redactData<T>(data: T): T {
    if (this.#values.size === 0) return data;
    return JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === 'string' ? this.redact(v) : v))) as T;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Booleans, small numbers and short plain words (`true`, `8080`, `debug`) cannot be secrets worth masking, and
 * masking them would corrupt every line (and table) they appear in. */
export function canBeSecret(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH) return false;
  if (/^(true|false|yes|no|on|off|null|none|nil|undefined)$/i.test(value)) return false;
  if (/^[+-]?\d{1,7}(\.\d+)?$/.test(value)) return false;
  // Identifiers that travel next to secrets in the same JSON (an ARN, a region) are not secrets themselves.
  if (/^arn:aws[a-z-]*:/.test(value) || /^[a-z]{2}(-[a-z]+)+-\d$/.test(value)) return false;
  return !/^[A-Za-z]{1,5}$/.test(value);
}
