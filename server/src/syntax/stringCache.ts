// A per-parse cache of short substrings of one text, shared by the data readers: CloudFormation templates
// repeat the same keys and values (Type, Properties, Ref targets, `!Ref`, tcp…) thousands of times. Names
// (identifiers, block types and labels of the HCL reader) go further: one interned string per name for every
// parse (`name()`, `internName`).

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
 * old texts alive (the shared table of names holds interned strings, which V8 copies out of the text).
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

  /**
   * Like slice(), for a name (an identifier, a block type or label): the string returned is the one every parse
   * returns for these characters, interned by the engine (internName). Looked up in a table shared by every
   * parse, where a workspace's few hundred names stay; interned strings are copies, so it keeps no text alive.
   */
  name(start: number, end: number): string {
    return internName(this.text.slice(start, end));
  }
}

/** Slots of the direct-mapped table of names shared by every parse (a power of two). */
const NAME_SLOTS = 4096;
const nameSlots: string[] = new Array<string>(NAME_SLOTS).fill('');

/**
 * Names shared by every parse (of every file and session). A workspace's vocabulary of names is small (about 650
 * on the benchmark's 10,000-resource Terraform workspace), so the table stays small; it is emptied if it ever
 * holds MAX_NAMES (a long editing session, generated names), which only costs re-interning.
 */
const names = new Map<string, string>();
const MAX_NAMES = 50_000;

/**
 * A null-prototype object (dictionary mode in V8: adding and deleting a key leaves no hidden-class transition
 * behind), used only to obtain the engine's interned copy of a name: a property key is interned when it is stored.
 */
const keys: Record<string, number> = Object.create(null) as Record<string, number>;

/**
 * The one string for these characters that every parse shares, interned by the engine when it can be.
 *
 * Why: the front ends compare names with literals (`item.name === 'count'`, `block.type === 'resource'`) and
 * look them up in maps tens of thousands of times per workspace. A name sliced from a file's text is a fresh
 * string, so every such comparison compares characters and every map lookup hashes it once per file; an
 * interned string compares by identity with the literals (which V8 interns) and carries its hash. Sharing one
 * string across files also keeps fewer strings alive in the syntax trees. Returns an equal string in any
 * engine: only the speed depends on V8.
 */
export function internName(s: string): string {
  const n = s.length;
  if (n <= 1 || n > MAX_LENGTH) return s;
  const h = (n * 31 + s.charCodeAt(0)) * 961 + s.charCodeAt(n >> 1) * 31 + s.charCodeAt(n - 2) * 7 + s.charCodeAt(n - 1);
  const slot = (h ^ (h >>> 11)) & (NAME_SLOTS - 1);
  const cached = nameSlots[slot];
  if (cached === s) return cached;
  const shared = sharedName(s);
  nameSlots[slot] = shared;
  return shared;
}

/** The shared copy of a name missing from its slot (first seen, or the slot held another name). */
function sharedName(s: string): string {
  const known = names.get(s);
  if (known !== undefined) return known;
  keys[s] = 0;
  const interned = Object.keys(keys)[0] ?? s;
  delete keys[s];
  if (names.size >= MAX_NAMES) names.clear();
  names.set(interned, interned);
  return interned;
}
