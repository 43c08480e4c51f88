// Types for the finlint package: options, rule packs and the functions.
// Every entry (Node ESM, Node CommonJS via index.d.cts, browser) exports the
// same names; tests/node/package.test.mjs compiles and runs a TypeScript file
// against each under `tsc --strict`.

// The core's types (report, catalog, rule listing) are generated from the
// Rust types into types.generated.d.ts (src/generated.rs, ts-rs); a test
// fails when that file is stale. Only the package's own adaptations and the
// function signatures are written here.
import type * as Core from './types.generated.js';

export type {
  Product, ProductName, Category, Severity, LabelKind, Entry, Catalog, Span, ProfileInfo, Confidence, Summary, Version,
  GenreInfo, GenreKind, DocumentInfo, HiddenFinding, HiddenPart,
} from './types.generated.js';
/** A place in a document; `kind` says which fields are set. All numbers are 1-based. */
export type DocumentLocation = Core.Location;

type Product = Core.Product;
type ProductName = Core.ProductName;
type Category = Core.Category;
type Severity = Core.Severity;
type LabelKind = Core.LabelKind;
type Catalog = Core.Catalog;

/**
 * A finding as the package returns it. Unlike the core's, `text` is the
 * flagged text as a reader sees it: tags dropped, entities decoded
 * ("保本保息" for `保本</strong>保息`). Messages quote this text, so they
 * never carry markup from the input. "" for document-level findings.
 */
export interface Finding extends Omit<Core.Finding, 'text' | 'visible'> {
  text: string;
  /** The raw slice of the input at `span`, markup and entities included. */
  source: string;
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

export interface SuppressedFinding extends Finding {
  /** The inline marker that silenced it, e.g. `<!-- finlint-disable-line guarantee -->`. */
  marker: string;
}

/** A label's status; as for findings, `text` is what a reader sees and `source` the raw slice. */
export interface LabelStatus extends Omit<Core.LabelStatus, 'text' | 'visible'> {
  /** The label as a reader sees it (tags dropped, entities decoded). */
  text?: string;
  /** The raw slice of the input at `span`. */
  source?: string;
}

export type Labels = Record<LabelKind, LabelStatus>;

/** The report, with the package's findings and labels (see Finding). */
export interface Report extends Omit<Core.Report, 'findings' | 'labels' | 'suppressed' | 'explained'> {
  findings: Finding[];
  labels: Labels;
  suppressed: SuppressedFinding[];
  /**
   * Only with `explain: true`: the candidates the rules found but did not
   * report, each with why (an empty array when there are none).
   */
  explained?: ExplainedHit[];
}

/** Why a candidate was not reported (`explain: true`). */
export type ExplainReason = Core.ExplainReason;

/** A candidate hit that was not reported; as for findings, `text` is what a reader sees and `source` the raw slice. */
export interface ExplainedHit extends Omit<Core.Explained, 'text' | 'visible'> {
  text: string;
  source: string;
}

/**
 * A rule pack object (the JSON form of a pack file; schema/rule-pack.schema.json,
 * generated from the Rust types, is the reference). Written by hand because
 * every field the engine defaults is optional here; Core.PackFile is the
 * shape with defaults filled in.
 */
export interface RulePack {
  pack?: { name?: string; version?: string };
  allow?: string[];
  disable?: string[];
  severity?: Record<string, Severity>;
  required_labels?: Partial<Record<Product | ProductName, LabelKind[]>>;
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
  frames?: string[];
  drop_if?: ContextCheck;
  downgrade_if?: ContextCheck & { severity: Severity };
  profiles?: Array<Product | ProductName>;
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
  /** A product id or its Chinese name (理财, 基金…); omit (or null) to detect it from the text. */
  product?: Product | ProductName | 'auto' | null;
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

/** A rule in effect, as rules() lists it. */
export type RuleInfo = Omit<Core.RuleInfo, 'definition'>;

export type ErrorCode =
  | 'FINLINT_INVALID_ARGUMENT'  // a value of the wrong type (check(42), validateRulePack(null))
  | 'FINLINT_INVALID_OPTIONS'   // options not an object, an unknown field, a bad failOn or maxFindings
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
  product?: Product | ProductName | 'auto' | null;
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
/** What `applyFixes` returns. */
export interface AppliedFixes {
  /** The text with the fixes applied. */
  text: string;
  /** How many findings' fixes were applied (a finding without `replacement` has none). */
  applied: number;
  /** UTF-16 offset in `text` just after the first applied edit, for a caret. */
  caret: number;
}
/**
 * Apply the one-click fixes of `findings` (from `check(text)`, all or some) to
 * `text`: a deletion takes the claim's clause and the punctuation left at the
 * seam is tidied, as on the page and in the CLI. Overlapping fixes apply once.
 */
export function applyFixes(text: string, findings: readonly Finding[]): AppliedFixes;
/** A checker with its own packs; build one per site or tenant and keep it. Throws FINLINT_INVALID_PACK. */
export function createChecker(config?: CheckerConfig | null): Checker;
export function rules(options?: { rules?: Rules } | null): RuleInfo[];
export function version(options?: { rules?: Rules } | null): { engine: string; rules: string };
/**
 * The names of products, labels, categories and severities, with their
 * Chinese display names, in display order (data/catalog.toml). A product's
 * Chinese name is accepted wherever its id is.
 */
export function catalog(): Catalog;
/** Returns the versions the pack would give; throws a FinlintError naming the pack, field and line when it is invalid. */
export function validateRulePack(pack: string | RulePack, name?: string): { engine: string; rules: string };

declare const finlint: {
  init: typeof init;
  check: typeof check;
  checkDocument: typeof checkDocument;
  validate: typeof validate;
  applyFixes: typeof applyFixes;
  createChecker: typeof createChecker;
  rules: typeof rules;
  version: typeof version;
  catalog: typeof catalog;
  validateRulePack: typeof validateRulePack;
  ErrorCode: typeof ErrorCode;
};
export default finlint;
