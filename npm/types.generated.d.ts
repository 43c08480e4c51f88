// Generated from the Rust types by src/generated.rs (ts-rs); do not edit.
// Regenerate with scripts/generate.sh. These are the core's shapes;
// npm/index.d.ts re-exports them and adapts the report to the package.

/** A product id (data/catalog.toml). */
export type Product = 'wealth' | 'fund' | 'insurance' | 'deposit' | 'loan' | 'securities' | 'general';
/** A product's Chinese name, accepted wherever its id is. */
export type ProductName = '理财' | '基金' | '保险' | '存款' | '贷款' | '证券' | '通用';

export type Category = "absolute" | "guarantee" | "misleading" | "promotion" | "endorsement" | "unsourced_data" | "personal_info" | "missing_label";

export type Severity = "info" | "warning" | "error";

export type LabelKind = "risk_level" | "liquidity" | "advertiser" | "date" | "risk_warning";

/**
 * One named thing: its stable id and its Chinese display name.
 */

export type Entry = { id: string, name: string, };

/**
 * Every name, in display order. Ids are kept as strings, checked against
 * the enums once at load: one deserializer for all four lists keeps the
 * wasm module small.
 */

export type Catalog = { 
/**
 * Product types; the name is accepted wherever the id is.
 */
products: Array<{ id: Product, name: string }>, labels: Array<{ id: LabelKind, name: string }>, categories: Array<{ id: Category, name: string }>, severities: Array<{ id: Severity, name: string }>, 
/**
 * Document formats (`report.document.format`).
 */
formats: Array<{ id: Format, name: string }>, 
/**
 * Document parts readers do not see (`report.document.hidden[].part`).
 */
hidden_parts: Array<{ id: HiddenPart, name: string }>, 
/**
 * Why a candidate was not flagged (`report.explained[].reason`).
 */
explain_reasons: Array<{ id: ExplainReason, name: string }>, };

export type Span = { start: number, end: number, utf16_start: number, utf16_end: number, byte_start: number, byte_end: number, };

/**
 * Where a finding or an explained candidate is in the input. Both embed it
 * flattened, so their JSON stays flat.
 */

export type Place = { 
/**
 * The text exactly as it appears in the input, markup and entities
 * included (empty for a document-level finding).
 */
text: string, 
/**
 * The same range as a reader sees it: tags dropped, entities decoded.
 * Messages quote this, never the source, so a message shown as HTML
 * cannot carry markup from the input.
 */
visible: string, 
/**
 * Where in the input; null for document-level findings.
 */
span: Span | null, 
/**
 * 1-based line and column (in characters) of the span's start.
 */
line?: number, column?: number, 
/**
 * Where in a .docx/.pptx/.pdf/image, in the document's own terms.
 */
location?: Location, };

export type Finding = { rule: string, category: Category, severity: Severity, message: string, suggestion: string, 
/**
 * What one-click fixing puts in place of `text` ("" deletes it); absent
 * when the fix needs a human rewrite.
 */
replacement?: string, basis: string, 
/**
 * The text exactly as it appears in the input, markup and entities
 * included (empty for a document-level finding).
 */
text: string, 
/**
 * The same range as a reader sees it: tags dropped, entities decoded.
 * Messages quote this, never the source, so a message shown as HTML
 * cannot carry markup from the input.
 */
visible: string, 
/**
 * Where in the input; null for document-level findings.
 */
span: Span | null, 
/**
 * 1-based line and column (in characters) of the span's start.
 */
line?: number, column?: number, 
/**
 * Where in a .docx/.pptx/.pdf/image, in the document's own terms.
 */
location?: Location, };

export type Suppressed = { 
/**
 * The marker that suppressed it, as written.
 */
marker: string, rule: string, category: Category, severity: Severity, message: string, suggestion: string, 
/**
 * What one-click fixing puts in place of `text` ("" deletes it); absent
 * when the fix needs a human rewrite.
 */
replacement?: string, basis: string, 
/**
 * The text exactly as it appears in the input, markup and entities
 * included (empty for a document-level finding).
 */
text: string, 
/**
 * The same range as a reader sees it: tags dropped, entities decoded.
 * Messages quote this, never the source, so a message shown as HTML
 * cannot carry markup from the input.
 */
visible: string, 
/**
 * Where in the input; null for document-level findings.
 */
span: Span | null, 
/**
 * 1-based line and column (in characters) of the span's start.
 */
line?: number, column?: number, 
/**
 * Where in a .docx/.pptx/.pdf/image, in the document's own terms.
 */
location?: Location, };

export type LabelStatus = { present: boolean, 
/**
 * The label as in the input, markup included.
 */
text?: string, 
/**
 * The label as a reader sees it (tags dropped, entities decoded).
 */
visible?: string, span?: Span, 
/**
 * Whether the profile requires this label.
 */
required: boolean, };

export type Labels = { risk_level: LabelStatus, liquidity: LabelStatus, advertiser: LabelStatus, date: LabelStatus, risk_warning: LabelStatus, };

/**
 * How sure the checker is of the product profile, which decides the
 * required labels: a user should confirm an unsure one.
 */

export type Confidence = "high" | "medium" | "low";

export type ProfileInfo = { name: Product, 
/**
 * True when the checker chose the profile from the text.
 */
detected: boolean, reason: string, 
/**
 * How sure the choice is (`high` when the caller gave the product); a
 * `low` one is worth setting by hand, since it decides the required labels.
 */
confidence: Confidence, };

export type GenreKind = "warning" | "education";

/**
 * What the report says about the genre: the kind and the cues that decided it.
 */

export type GenreInfo = { kind: GenreKind, cues: Array<string>, reason: string, 
/**
 * Byte offset where the text turns to promoting its own product; the
 * genre applies before it only.
 */
promotion_from?: number | null, };

export type Summary = { errors: number, warnings: number, infos: number, suppressed: number, by_category: Partial<Record<Category, number>>, missing_labels: Array<LabelKind>, pass: boolean, verdict: string, 
/**
 * True when the findings were capped (`CheckOptions::max_findings`);
 * the counts are then those of the findings kept, errors first.
 */
truncated?: boolean, };

export type Version = { engine: string, rules: string, };

export type Format = "docx" | "pptx" | "pdf" | "image";

export type HiddenPart = "notes" | "comments";

export type HiddenFinding = { part: HiddenPart, rule: string, category: Category, severity: Severity, message: string, suggestion: string, 
/**
 * What one-click fixing puts in place of `text` ("" deletes it); absent
 * when the fix needs a human rewrite.
 */
replacement?: string, basis: string, 
/**
 * The text exactly as it appears in the input, markup and entities
 * included (empty for a document-level finding).
 */
text: string, 
/**
 * The same range as a reader sees it: tags dropped, entities decoded.
 * Messages quote this, never the source, so a message shown as HTML
 * cannot carry markup from the input.
 */
visible: string, 
/**
 * Where in the input; null for document-level findings.
 */
span: Span | null, 
/**
 * 1-based line and column (in characters) of the span's start.
 */
line?: number, column?: number, 
/**
 * Where in a .docx/.pptx/.pdf/image, in the document's own terms.
 */
location?: Location, };

/**
 * The `document` field of a report on a .docx, .pptx, .pdf or image.
 */

export type DocumentInfo = { file: string, sha256: string, format: Format, bytes: number, 
/**
 * How the text was obtained (tracked changes accepted, OCR), in Chinese.
 */
notices: Array<string>, 
/**
 * Findings in speaker notes and comments, which readers do not see.
 */
hidden: Array<HiddenFinding>, };

/**
 * All numbers are 1-based. Paragraph numbers count non-empty paragraphs, as
 * a reader would count them on the page.
 */

export type Location = { "kind": "paragraph", paragraph: number, } | { "kind": "table_cell", table: number, row: number, column: number, } | { "kind": "header", header: number, paragraph: number, } | { "kind": "footer", footer: number, paragraph: number, } | { "kind": "text_box", anchor: number, paragraph: number, } | { "kind": "footnote", note: number, paragraph: number, } | { "kind": "shape", slide: number, shape: number, name: string, paragraph: number, } | { "kind": "slide_table", slide: number, shape: number, name: string, row: number, column: number, } | { "kind": "notes", slide: number, paragraph: number, } | { "kind": "comment", comment: number, author?: string, slide?: number, } | { "kind": "page", page: number, line: number, } | { "kind": "ocr_line", line: number, left: number, top: number, width: number, height: number, confidence: number, };

/**
 * Why a candidate the rules found was not reported (`--explain`).
 */

export type ExplainReason = "part_of_word" | "negation" | "question" | "other_speaker" | "genre_citation" | "quotation_frame" | "context_exception" | "rule_exception" | "allow_list" | "generic_yields" | "overlap";

/**
 * A candidate hit the rules found but the checker did not report, with the
 * reason recorded where it was dropped. Spans follow [`Finding`]'s.
 */

export type Explained = { rule: string, category: Category, 
/**
 * The severity it would have had.
 */
severity: Severity, reason: ExplainReason, 
/**
 * The words in the text that decided it (the enclosing word, the negator, the exception or
 * allow-listed phrase, the matching context), as a reader sees them.
 */
cue?: string, 
/**
 * The rule whose finding stands in its place (generic_yields, overlap).
 */
by?: string, 
/**
 * The reason as a Chinese sentence.
 */
detail: string, 
/**
 * The text exactly as it appears in the input, markup and entities
 * included (empty for a document-level finding).
 */
text: string, 
/**
 * The same range as a reader sees it: tags dropped, entities decoded.
 * Messages quote this, never the source, so a message shown as HTML
 * cannot carry markup from the input.
 */
visible: string, 
/**
 * Where in the input; null for document-level findings.
 */
span: Span | null, 
/**
 * 1-based line and column (in characters) of the span's start.
 */
line?: number, column?: number, 
/**
 * Where in a .docx/.pptx/.pdf/image, in the document's own terms.
 */
location?: Location, };

export type Report = { findings: Array<Finding>, labels: Labels, profile: ProfileInfo, 
/**
 * Set when the text reads as a warning or education piece, whose quoted
 * claims are citations: the reason why they were not flagged.
 */
genre?: GenreInfo, suppressed: Array<Suppressed>, 
/**
 * Only with `CheckOptions::explain`: the candidates found but not
 * reported, each with why. Absent otherwise, so reports stay as they were.
 */
explained?: Array<Explained>, summary: Summary, version: Version, 
/**
 * The file, its SHA-256 and what its notes and comments hold, when the
 * input was a document rather than text.
 */
document?: DocumentInfo, };

/**
 * A rule in the listing (`finlint rules`, the wasm `rules()` call): its
 * metadata, which kinds of rule it is, and how many terms and patterns
 * (frames included) it matches with. Pack rules, labels and profile extras
 * alike: every id a pack's `disable` accepts.
 */

export type RuleInfo = { id: string, category: Category, severity: Severity, enabled: boolean, builtin: boolean, message: string, suggestion: string, basis: string, 
/**
 * How many terms the rule matches: folded, with the look-alike variants
 * of built-in terms and the terms `[[extend]]` added.
 */
terms: number, 
/**
 * How many regexes: patterns and frames.
 */
patterns: number, 
/**
 * The kinds that hold part of the rule (`terms`, `patterns`, `frames`,
 * `validate`, or `labels` / `extras` for the document-level rules).
 */
kinds: Array<string>, 
/**
 * What it matches with and how it is fixed (the full listing, `finlint
 * rules --format json`); absent for labels and profile extras.
 */
definition?: RuleDetail, };

/**
 * A pack rule as the rule set holds it: its fields mirror the pack's
 * (`RuleDef`). Terms, patterns, frames and context checks are as written,
 * and the terms a pack's `[[extend]]` added are listed apart; exceptions
 * (those added included) and replacement keys are folded, as they are
 * matched; `boundary` is the effective value; profiles are product ids.
 */

export type RuleDetail = { replacement?: string, replacements?: { [key in string]?: string }, terms: Array<string>, 
/**
 * Terms that packs' `[[extend]]` added to the rule.
 */
extended_terms?: Array<string>, patterns: Array<string>, frames?: Array<string>, exceptions: Array<string>, boundary?: boolean, negatable: boolean, quotable: boolean, validate?: Validator, drop_if?: ContextCheck, downgrade_if?: Downgrade, profiles?: Array<string>, examples: Examples, };

export type Scope = "sentence" | "window" | "document";

export type ContextCheck = { scope: Scope, window: number, patterns: Array<string>, };

export type Downgrade = { severity: Severity, scope: Scope, window: number, patterns: Array<string>, };

export type Validator = "id_card" | "luhn";

export type Examples = { positive: Array<string>, negative: Array<string>, };

export type RuleDef = { id: string, category: Category, severity: Severity, 
/**
 * The Chinese message; `{text}` is replaced by the flagged text.
 */
message: string, suggestion: string, 
/**
 * Text that replaces the flagged span when the user applies the fix in
 * one click; empty means "delete". `{masked}` masks digits (PII).
 */
replacement?: string | null, 
/**
 * Per-term replacements (normalised term -> text), overriding `replacement`.
 */
replacements?: { [key in string]?: string }, basis: string, terms: Array<string>, patterns: Array<string>, 
/**
 * Concept frames (see `frames.rs`): `{concept}` names a built-in concept
 * lexicon (data/concepts.toml), `~N` a gap of at most N characters in one
 * clause, `~~N` in one sentence; the rest is regex syntax.
 */
frames?: Array<string>, exceptions: Array<string>, 
/**
 * Keep a term hit only on word boundaries. Defaults to true for built-in
 * terms; a user pack's terms default to false because the segmenter's
 * dictionary does not know them.
 */
boundary?: boolean | null, negatable: boolean, quotable: boolean, validate?: Validator | null, drop_if?: ContextCheck | null, downgrade_if?: Downgrade | null, 
/**
 * Products (ids or Chinese names) the rule applies to; empty means all.
 */
profiles?: Array<Product | ProductName>, examples: Examples, };

export type PackMeta = { name: string, version: string, };

/**
 * Adds terms or exceptions to a rule defined elsewhere.
 */

export type Extend = { rule: string, terms: Array<string>, exceptions: Array<string>, };

export type PackFile = { pack: PackMeta, rule: Array<RuleDef>, 
/**
 * More terms or exceptions for existing rules.
 */
extend: Array<Extend>, 
/**
 * Phrases never flagged, such as the organisation's own name.
 */
allow: Array<string>, 
/**
 * Rule ids (or id prefixes ending in `.`) to switch off.
 */
disable: Array<string>, 
/**
 * Rule id (or prefix) -> severity override.
 */
severity: { [key in string]?: Severity }, 
/**
 * Product (id or Chinese name) -> the labels it requires, replacing the
 * built-in list.
 */
required_labels: Partial<Record<Product | ProductName, Array<LabelKind>>>, };
