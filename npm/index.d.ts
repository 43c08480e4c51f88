// Hand-checked types for the finlint report, options and rule packs.
// They mirror src/report.rs, src/span.rs and src/pack.rs, and npm/api.mjs.
// Every entry (Node ESM, Node CommonJS via index.d.cts, browser) exports the
// same names; tests/node/package.test.mjs compiles and runs a TypeScript file
// against each under `tsc --strict`.

export type Category =
  | 'absolute' | 'guarantee' | 'misleading' | 'promotion' | 'endorsement'
  | 'unsourced_data' | 'personal_info' | 'missing_label';
export type Severity = 'error' | 'warning' | 'info';
export type Product = 'wealth' | 'fund' | 'insurance' | 'deposit' | 'loan' | 'securities' | 'general';
export type LabelKind = 'risk_level' | 'liquidity' | 'advertiser' | 'date' | 'risk_warning';

/** A range of the ORIGINAL input in three units. */
export interface Span {
  /** Unicode scalar offsets (Python str indices). */
  start: number;
  end: number;
  /** UTF-16 code units: JavaScript string indices and DOM ranges. */
  utf16_start: number;
  utf16_end: number;
  /** UTF-8 bytes. */
  byte_start: number;
  byte_end: number;
}

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  suggestion: string;
  /** One-click fix: the text to put in place of `text` ("" deletes it). */
  replacement?: string;
  basis: string;
  /**
   * The flagged text as a reader sees it: tags dropped, entities decoded
   * ("保本保息" for `保本</strong>保息`). Messages quote this text, so they
   * never carry markup from the input. "" for document-level findings.
   */
  text: string;
  /** The raw slice of the input at `span`, markup and entities included. */
  source: string;
  /** null for document-level findings (missing labels, profile extras). */
  span: Span | null;
  line?: number;
  column?: number;
  /** For a .docx/.pptx: where the finding is, in the document's own terms. */
  location?: DocumentLocation;
}

/** A place in a document; `kind` says which fields are set. All numbers are 1-based. */
export type DocumentLocation =
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'table_cell'; table: number; row: number; column: number }
  | { kind: 'header'; header: number; paragraph: number }
  | { kind: 'footer'; footer: number; paragraph: number }
  | { kind: 'text_box'; anchor: number; paragraph: number }
  | { kind: 'footnote'; note: number; paragraph: number }
  | { kind: 'shape'; slide: number; shape: number; name: string; paragraph: number }
  | { kind: 'slide_table'; slide: number; shape: number; name: string; row: number; column: number }
  | { kind: 'notes'; slide: number; paragraph: number }
  | { kind: 'comment'; comment: number; author?: string; slide?: number }
  | { kind: 'page'; page: number; line: number }
  | { kind: 'ocr_line'; line: number; left: number; top: number; width: number; height: number; confidence: number };

export interface DocumentInfo {
  file: string;
  sha256: string;
  format: 'docx' | 'pptx' | 'pdf' | 'image';
  bytes: number;
  /** How the text was obtained, e.g. tracked changes accepted (Chinese). */
  notices: string[];
  /** Findings in speaker notes and comments; spans point into notesText / commentsText. */
  hidden: Array<Finding & { part: 'notes' | 'comments' }>;
}

/** What checkDocument returns: the report, and the texts its spans point into. */
export interface DocumentResult {
  report: Report;
  /** The document's visible text, extracted; `report.findings` spans point into it. */
  text: string;
  notesText: string;
  commentsText: string;
  /** Each finding's location in Chinese (e.g. "第2张幻灯片 形状3"), parallel to report.findings. */
  places: Array<string | null>;
  /** The same for report.document.hidden. */
  hiddenPlaces: Array<string | null>;
}

/** A .docx or .pptx file's bytes. */
export type DocumentBytes = Uint8Array | ArrayBuffer;

/** Why a candidate was not reported (`explain: true`). */
export type ExplainReason =
  | 'part_of_word'      // the term is part of a longer word here (保本 in 非保本)
  | 'negation'          // a negator makes it a denial (不保证收益)
  | 'question'          // its sentence asks (保本吗？)
  | 'genre_citation'    // listed or cited in a warning or education text
  | 'quotation_frame'   // quoted to warn, 所谓…, or named in a condemnation
  | 'context_exception' // the rule's context exception (额度最高50万, a disclaimer)
  | 'rule_exception'    // inside one of the rule's exception phrases (最高额度)
  | 'allow_list'        // covered by an allow-listed phrase
  | 'generic_yields'    // a generic concept frame gave way to a specific rule (`by`)
  | 'overlap';          // inside a longer finding of another rule (`by`)

/** A candidate hit that was not reported, with spans as for findings. */
export interface ExplainedHit {
  rule: string;
  category: Category;
  /** The severity it would have had. */
  severity: Severity;
  /** As a reader sees it (tags dropped, entities decoded). */
  text: string;
  /** The raw slice of the input at `span`. */
  source: string;
  span: Span | null;
  line?: number;
  column?: number;
  location?: DocumentLocation;
  reason: ExplainReason;
  /** The words that decided it: the negator, the exception or allow-listed phrase, the matching context. */
  cue?: string;
  /** The rule whose finding stands in its place (generic_yields, overlap). */
  by?: string;
  /** The reason as a Chinese sentence. */
  detail: string;
}

export interface SuppressedFinding extends Finding {
  /** The inline marker that silenced it, e.g. `<!-- finlint-disable-line guarantee -->`. */
  marker: string;
}

export interface LabelStatus {
  present: boolean;
  /** The label as a reader sees it (tags dropped, entities decoded). */
  text?: string;
  /** The raw slice of the input at `span`. */
  source?: string;
  span?: Span;
  /** Whether the report's profile requires this label. */
  required: boolean;
}

export type Labels = Record<LabelKind, LabelStatus>;

export interface Report {
  findings: Finding[];
  labels: Labels;
  profile: { name: Product; detected: boolean; reason: string };
  suppressed: SuppressedFinding[];
  /**
   * Set when the text reads as a warning or investor-education piece: its
   * quoted or listed claims are citations, which is why they are not flagged.
   */
  genre?: { kind: 'warning' | 'education'; cues: string[]; reason: string };
  /**
   * Only with `explain: true`: the candidates the rules found but did not
   * report, each with why (an empty array when there are none).
   */
  explained?: ExplainedHit[];
  summary: {
    errors: number;
    warnings: number;
    infos: number;
    suppressed: number;
    by_category: Partial<Record<Category, number>>;
    missing_labels: LabelKind[];
    pass: boolean;
    verdict: string;
    /**
     * Present and true when findings were capped (`maxFindings`, at most
     * 10,000): the most severe are kept, so `pass` is still right, but the
     * counts are those of the findings kept.
     */
    truncated?: boolean;
  };
  version: { engine: string; rules: string };
  /** Set when the input was a document (.docx/.pptx bytes). */
  document?: DocumentInfo;
}

/** A rule pack object (the JSON form of a pack file; see schema/rule-pack.schema.json). */
export interface RulePack {
  pack?: { name?: string; version?: string };
  allow?: string[];
  disable?: string[];
  severity?: Record<string, Severity>;
  required_labels?: Partial<Record<Product, LabelKind[]>>;
  extend?: { rule: string; terms?: string[]; exceptions?: string[] }[];
  rule?: RuleDefinition[];
}

export interface RuleDefinition {
  id: string;
  category: Category;
  severity: Severity;
  message: string;
  suggestion?: string;
  replacement?: string;
  replacements?: Record<string, string>;
  basis: string;
  terms?: string[];
  patterns?: string[];
  exceptions?: string[];
  boundary?: boolean;
  negatable?: boolean;
  quotable?: boolean;
  validate?: 'id_card' | 'luhn';
  drop_if?: ContextCheck;
  downgrade_if?: ContextCheck & { severity: Severity };
  profiles?: Product[];
  examples?: { positive?: string[]; negative?: string[] };
}

export interface ContextCheck {
  scope: 'sentence' | 'window' | 'document';
  window?: number;
  patterns: string[];
}

/** Pack text (TOML or JSON) or a pack object; several are applied in order. */
export type Rules = string | RulePack | Array<string | RulePack>;

export interface CheckOptions {
  /** Omit (or null) to detect the product from the text. */
  product?: Product | 'auto' | null;
  rules?: Rules;
  /** Keep at most this many findings (1 to 10,000; default 10,000). */
  maxFindings?: number;
  /** Also list what was found but not flagged, and why (`report.explained`). Default false. */
  explain?: boolean;
  /** For document bytes: the file name, whose extension gives the format (else the content does). */
  name?: string;
}

export interface ValidateOptions extends CheckOptions {
  /** "error" (default): fail on errors; "warning": fail on errors or warnings. */
  failOn?: 'error' | 'warning';
}

export interface RuleInfo {
  id: string;
  category: Category;
  severity: Severity;
  enabled: boolean;
  builtin: boolean;
  message: string;
  suggestion: string;
  basis: string;
  terms: number;
  patterns: number;
}

export type ErrorCode =
  | 'FINLINT_INVALID_ARGUMENT'  // a value of the wrong type (check(42), validateRulePack(null))
  | 'FINLINT_INVALID_OPTIONS'   // options not an object, an unknown field, a bad failOn, maxFindings or explain
  | 'FINLINT_EMPTY_INPUT'
  | 'FINLINT_INPUT_TOO_LARGE'   // over 32 MiB of UTF-8
  | 'FINLINT_UNKNOWN_PRODUCT'
  | 'FINLINT_INVALID_PACK'      // the message names the pack, the line and the field
  | 'FINLINT_NOT_READY'         // browser entry: init() has not finished
  | 'FINLINT_INTERNAL'          // the engine failed; it has been reset and the call can be retried
  | 'FINLINT_INVALID_DOCUMENT'; // a .docx/.pptx that is damaged, encrypted, too large or of another type

/** Every error this package throws: an Error with a Chinese message and a stable code. */
export interface FinlintError extends Error {
  code: ErrorCode;
}

export declare const ErrorCode: {
  readonly INVALID_ARGUMENT: 'FINLINT_INVALID_ARGUMENT';
  readonly INVALID_OPTIONS: 'FINLINT_INVALID_OPTIONS';
  readonly EMPTY_INPUT: 'FINLINT_EMPTY_INPUT';
  readonly INPUT_TOO_LARGE: 'FINLINT_INPUT_TOO_LARGE';
  readonly UNKNOWN_PRODUCT: 'FINLINT_UNKNOWN_PRODUCT';
  readonly INVALID_PACK: 'FINLINT_INVALID_PACK';
  readonly NOT_READY: 'FINLINT_NOT_READY';
  readonly INTERNAL: 'FINLINT_INTERNAL';
  readonly INVALID_DOCUMENT: 'FINLINT_INVALID_DOCUMENT';
};

export interface CheckerConfig {
  rules?: Rules;
  /** Names for the packs in error messages (e.g. file names), in the order of `rules`. */
  names?: string[];
  /** Defaults for every call on this checker. */
  product?: Product | 'auto' | null;
  failOn?: 'error' | 'warning';
  maxFindings?: number;
  explain?: boolean;
}

/** An engine with its own packs, independent of other checkers and of the module-level calls. */
export interface Checker {
  check(input: string | DocumentBytes, options?: Omit<CheckOptions, 'rules'> | null): Report;
  checkDocument(bytes: DocumentBytes, options?: Omit<CheckOptions, 'rules'> | null): DocumentResult;
  validate(input: string | DocumentBytes, options?: Omit<ValidateOptions, 'rules'> | null): { ok: boolean; report: Report };
  rules(): RuleInfo[];
  version(): { engine: string; rules: string };
  /** Release its memory now rather than when it is garbage-collected. */
  free(): void;
}

/**
 * Load and build the engine ahead of the first call. Node: optional (the first
 * call otherwise does it, synchronously); browser: required, and again after a
 * FINLINT_INTERNAL error. `wasmUrl` (browser only) overrides where the .wasm is.
 */
export function init(wasmUrl?: string | URL): Promise<void>;
/** Check plain text, HTML, or a .docx/.pptx as bytes. Throws a FinlintError on bad input. */
export function check(input: string | DocumentBytes, options?: CheckOptions | null): Report;
/** Check a .docx or .pptx given as bytes; spans point into `text`. PDF and images: use the CLI. */
export function checkDocument(bytes: DocumentBytes, options?: CheckOptions | null): DocumentResult;
/** The pre-publish gate: `ok` is false when the copy must not be published. */
export function validate(input: string | DocumentBytes, options?: ValidateOptions | null): { ok: boolean; report: Report };
/** A checker with its own packs; build one per site or tenant and keep it. Throws FINLINT_INVALID_PACK. */
export function createChecker(config?: CheckerConfig | null): Checker;
export function rules(options?: { rules?: Rules } | null): RuleInfo[];
export function version(options?: { rules?: Rules } | null): { engine: string; rules: string };
/** Returns the versions the pack would give; throws a FinlintError naming the pack, field and line when it is invalid. */
export function validateRulePack(pack: string | RulePack, name?: string): { engine: string; rules: string };

declare const finlint: {
  init: typeof init;
  check: typeof check;
  checkDocument: typeof checkDocument;
  validate: typeof validate;
  createChecker: typeof createChecker;
  rules: typeof rules;
  version: typeof version;
  validateRulePack: typeof validateRulePack;
  ErrorCode: typeof ErrorCode;
};
export default finlint;
