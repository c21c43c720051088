// A per-parse cache of short substrings of one text, shared by the data readers: CloudFormation templates
// repeat the same keys and values (Type, Properties, Ref targets, `!Ref`, tcp…) thousands of times.

/** Slots of the direct-mapped cache (a power of two): big enough for a template's vocabulary, cheap to create. */
const SLOTS = 2048;
/** Longer strings rarely repeat and cost more to hash and compare than to copy. */
const MAX_LENGTH = 40;

/**
 * Returns `text.slice(start, end)`, reusing the string returned earlier for the same characters.
 *
 * Why: a large template's tree is retained while the workspace is analysed, so every string it holds is
 * copied by each young-generation GC it survives; sharing one string per distinct key or value cuts the
 * retained objects, and a hit allocates nothing at all. A direct-mapped table (a collision simply replaces
 * the slot) needs no growth or eviction logic and compares characters in place instead of slicing first.
 * One cache per parse: a cached slice may point into its file's text, so a longer-lived cache could keep
 * old texts alive.
 */
export class StringCache {
  /** Allocated on first use: many small parses (a template string, a tiny file) never need it. */
  private slots: string[] | undefined;

  constructor(private readonly text: string) {}

  slice(start: number, end: number): string {
    const text = this.text;
    const n = end - start;
    // The fresh slice is needed anyway to compare (V8 compares flat strings natively, faster than a
    // charCodeAt loop); when the cached string is returned, the slice dies young, which costs the GC nothing.
    const fresh = text.slice(start, end);
    if (n <= 1 || n > MAX_LENGTH) return fresh;
    // Hashing every character would cost more than it saves: the length and four characters (names
    // differ at the ends: SubnetA/SubnetB, Vpc1/Vpc2) pick the slot; the comparison decides.
    const h = (n * 31 + text.charCodeAt(start)) * 961 + text.charCodeAt(start + (n >> 1)) * 31 + text.charCodeAt(end - 2) * 7 + text.charCodeAt(end - 1);
    const slot = (h ^ (h >>> 11)) & (SLOTS - 1);
    // fill() writes the whole table in one builtin call; a push loop here cost more than the cache saved
    // on a workspace of small files (measured on the benchmark's 10,000-resource Terraform workspace).
    const slots = (this.slots ??= new Array<string>(SLOTS).fill(''));
    const cached = slots[slot];
    if (cached === fresh) return cached;
    slots[slot] = fresh;
    return fresh;
  }
}
