// Hand-checked types for the finlint report, options and rule packs.
// They mirror src/report.rs, src/span.rs and src/pack.rs.

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
  /** The flagged text exactly as in the input; "" for document-level findings. */
  text: string;
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

export interface SuppressedFinding extends Finding {
  /** The inline marker that silenced it, e.g. `<!-- finlint-disable-line guarantee -->`. */
  marker: string;
}

export interface LabelStatus {
  present: boolean;
  text?: string;
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
  summary: {
    errors: number;
    warnings: number;
    infos: number;
    suppressed: number;
    by_category: Partial<Record<Category, number>>;
    missing_labels: LabelKind[];
    pass: boolean;
    verdict: string;
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
  product?: Product | null;
  rules?: Rules;
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

/** Check plain text or HTML. Throws an Error with a Chinese message on bad input. */
export function check(input: string | Uint8Array | ArrayBuffer, options?: CheckOptions): Report;
/** Check a .docx or .pptx given as bytes; spans point into `text`. PDF and images: use the CLI. */
export function checkDocument(
  bytes: Uint8Array | ArrayBuffer,
  options?: CheckOptions,
): { report: Report; text: string; notesText: string; commentsText: string };
/** The pre-publish gate: `ok` is false when the copy must not be published. */
export function validate(input: string | Uint8Array | ArrayBuffer, options?: ValidateOptions): { ok: boolean; report: Report };
export function rules(options?: { rules?: Rules }): RuleInfo[];
export function version(options?: { rules?: Rules }): { engine: string; rules: string };
/** Throws with the field and line when a pack is invalid. */
export function validateRulePack(pack: string | RulePack): void;
/** Browser entry only: fetch and compile the module; await it before checking. */
export function init(wasmUrl?: string | URL): Promise<void>;
