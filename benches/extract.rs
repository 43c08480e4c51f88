//! Extraction speed per format: .docx, .pptx and PDF built from the same ad
//! copy (tests/common/office.rs), and a poster image through Tesseract.
//! Criterion's throughput is in file bytes; `node bench/documents.mjs` adds
//! the extracted text's MB/s from the sizes written here.
//!
//! Run: `cargo bench --bench extract` (scripts/bench.sh runs it).

#[path = "../tests/common/office.rs"]
mod office;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use finlint::extract;

const LINES: &[&str] = &[
    "稳盈理财“月月盈”业绩比较基准3.2%，历史业绩不代表未来表现。",
    "本产品风险等级R2，封闭期180天，理财非存款、产品有风险、投资须谨慎。",
    "新客专享：首次购买即送50元话费，活动规则详见官网。",
    "诚信银行股份有限公司发布，2026年11月1日。",
];

fn lines(n: usize) -> Vec<&'static str> {
    LINES.iter().copied().cycle().take(n).collect()
}

fn docx() -> Vec<u8> {
    let body: String = lines(40_000).iter().map(|l| office::p(l)).collect();
    office::docx(&body, &[])
}

fn pptx() -> Vec<u8> {
    let text = lines(8);
    let shapes: Vec<office::Shape> = (0..4)
        .map(|_| office::Shape {
            name: "内容占位符",
            paragraphs: &text,
        })
        .collect();
    let slides: Vec<office::Slide> = (0..400)
        .map(|_| office::Slide {
            shapes: &shapes,
            table: None,
            notes: Some(LINES[0]),
            comment: None,
        })
        .collect();
    office::pptx(&slides)
}

fn pdf() -> Vec<u8> {
    let all = lines(30 * 300);
    let pages: Vec<&[&str]> = all.chunks(30).collect();
    office::pdf(&pages)
}

/// A 900x500 poster screenshot by headless Chromium, or None without it.
fn poster() -> Option<Vec<u8>> {
    let dir = std::env::temp_dir().join(format!("finlint-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let html = dir.join("poster.html");
    let body: String = LINES.iter().map(|l| format!("<p>{l}</p>")).collect();
    std::fs::write(&html, format!(r#"<html><head><meta charset="utf-8"><style>body{{margin:20px;font:28px "WenQuanYi Zen Hei",sans-serif}}</style></head><body>{body}</body></html>"#)).ok()?;
    let png = dir.join("poster.png");
    Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=900,500",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg(&html)
        .output()
        .ok()?;
    std::fs::read(png).ok()
}

fn extraction(c: &mut Criterion) {
    let mut files = vec![
        ("docx", "a.docx", docx()),
        ("pptx", "a.pptx", pptx()),
        ("pdf", "a.pdf", pdf()),
    ];
    match poster() {
        Some(png) => files.push(("image-ocr", "a.png", png)),
        None => eprintln!("no poster (chromium missing): OCR not measured"),
    }
    let mut sizes = serde_json::Map::new();
    let mut group = c.benchmark_group("extract");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for (id, name, bytes) in &files {
        let doc = match extract::read_document(name, bytes) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{id} not measured: {e}");
                continue;
            }
        };
        sizes.insert(
            id.to_string(),
            serde_json::json!({ "file_bytes": bytes.len(), "text_bytes": doc.body.text.len() + doc.notes.text.len() }),
        );
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*id, |b| {
            b.iter(|| extract::read_document(name, bytes).unwrap())
        });
    }
    group.finish();
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("documents.json"),
        serde_json::Value::Object(sizes).to_string(),
    )
    .unwrap();
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

criterion_group!(benches, extraction);
criterion_main!(benches);
