//! Scaling checks that need a clock: time must grow linearly with the input
//! (each input shape at 4x size), with the number of rules in a pack, and not
//! multiply with a 100,000-phrase allow or exception list; and the classic
//! catastrophic regex stays linear. They were wall-clock assertions in the
//! default test run, which a loaded 2-core CI machine made flaky; here they
//! run on a quiet machine, as medians of three, and fail (exit 1) when a
//! bound is broken.
//!
//! Run: `cargo bench --bench scaling` (part of scripts/bench.sh).

use std::process::ExitCode;
use std::time::Instant;

use finlint::{CheckOptions, Checker};

fn options() -> CheckOptions {
    CheckOptions {
        product: Some("general".into()),
        ..CheckOptions::default()
    }
}

/// Median of three runs of `f`, in seconds.
fn median(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let t0 = Instant::now();
            f();
            t0.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[1]
}

fn user_rule(id: &str, body: &str) -> String {
    format!("[[rule]]\nid = \"{id}\"\ncategory = \"misleading\"\nseverity = \"warning\"\nmessage = \"m\"\nbasis = \"b\"\n{body}\n")
}

/// Each shape at 200 KB and 800 KB: linear is a ratio of 4, quadratic 16.
fn input_size(failures: &mut Vec<String>) {
    let shapes: [(&str, &str); 8] = [
        (
            "claims with punctuation",
            "保本保息，零风险稳赚！全国第一。最近第一季度。谨防“保本”骗局。\n",
        ),
        ("one endless line", "保本收益稳定零风险理财第一季度最近"),
        ("unclosed comments", "<!-- 保本 "),
        ("unmatched angle brackets", "<b 保本 < 零风险 "),
        (
            "suppression markers",
            "保本 <!-- finlint-disable-line guarantee -->\n",
        ),
        (
            "digits",
            "13912345678 6222021234567890128 110101199003077571 ",
        ),
        // Nested overrides, isolates and RTL letters on one line: the bidi
        // algorithm runs over the whole line.
        (
            "bidi controls on one line",
            "\u{202E}本保\u{202D}保本\u{2067}שלום (保本) \u{2069}\u{202C}\u{202C}",
        ),
        ("right-to-left text", "مرحبا بالعالم 123 שלום עולם، "),
    ];
    let checker = Checker::shared();
    for (name, unit) in shapes {
        let small = unit.repeat(200_000 / unit.len() + 1);
        let large = unit.repeat(800_000 / unit.len() + 1);
        let time = |t: &str| median(|| drop(checker.check(t, &options()).unwrap()));
        let (ts, tl) = (time(&small), time(&large));
        let ratio = tl / ts.max(1e-4);
        println!(
            "input {name}: {:.1} ms for {} KB, {:.1} ms for {} KB, ratio {ratio:.2} (linear = 4)",
            ts * 1e3,
            small.len() / 1024,
            tl * 1e3,
            large.len() / 1024
        );
        if ratio >= 8.0 {
            failures.push(format!("{name}: 4x input took {ratio:.1}x time"));
        }
    }
}

/// Loading was quadratic once (each rule's line found by scanning the
/// source): 3,000 against 12,000 rules, built-in rules subtracted.
fn pack_rules(failures: &mut Vec<String>) {
    let pack = |n: usize| -> String {
        (0..n)
            .map(|i| user_rule(&format!("org.r{i}"), &format!("terms = [\"词条{i}号\"]")))
            .collect()
    };
    let time = |src: &str| median(|| drop(Checker::new(&[(src, "p.toml")]).unwrap()));
    let base = time("allow = [\"x\"]\n");
    let (small, large) = (pack(3_000), pack(12_000));
    let ts = (time(&small) - base).max(1e-3);
    let tl = (time(&large) - base).max(1e-3);
    let ratio = tl / ts;
    println!(
        "pack: 3,000 rules {:.0} ms, 12,000 rules {:.0} ms, ratio {ratio:.2} (linear = 4)",
        ts * 1e3,
        tl * 1e3
    );
    if ratio >= 8.0 {
        failures.push(format!("4x rules took {ratio:.1}x time"));
    }
}

/// A 100,000-phrase allow list, and the same number of exceptions, cost
/// about what the text costs anyway (once: phrase by phrase per candidate).
fn large_lists(failures: &mut Vec<String>) {
    let phrases = |what: &str| -> String {
        (0..100_000)
            .map(|i| format!("\"{what}{i}号\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let cases = [
        (
            "allow list",
            format!("allow = [{}, \"鑫享第一\"]\n", phrases("允许短语")),
            "保本理财，零风险。鑫享第一。".repeat(5_000),
        ),
        (
            "exception list",
            format!(
                "[[extend]]\nrule = \"guarantee.principal\"\nexceptions = [{}, \"保本理财通\"]\n",
                phrases("例外短语")
            ),
            "保本理财，零风险。保本理财通。".repeat(5_000),
        ),
    ];
    for (name, pack, text) in cases {
        let with_pack = Checker::new(&[(&pack, "list.toml")]).unwrap();
        let plain = median(|| drop(Checker::shared().check(&text, &CheckOptions::default())));
        let listed = median(|| drop(with_pack.check(&text, &CheckOptions::default())));
        println!("{name}: without {plain:.2} s, with 100,000 phrases {listed:.2} s");
        if listed >= plain * 4.0 + 0.5 {
            failures.push(format!("{name}: {listed:.2} s against {plain:.2} s"));
        }
    }
}

/// The regex crate never backtracks: (a*)*b on 100,000 a's is linear.
fn catastrophic_regex(failures: &mut Vec<String>) {
    let evil = user_rule("a.evil", "patterns = [\"(a*)*b\"]");
    let checker = Checker::new(&[(&evil, "evil.toml")]).unwrap();
    let text = "a".repeat(100_000);
    let t = median(|| drop(checker.check(&text, &CheckOptions::default()).unwrap()));
    println!("regex (a*)*b on 100,000 a: {:.0} ms", t * 1e3);
    if t >= 20.0 {
        failures.push(format!("(a*)*b took {t:.1} s"));
    }
}

fn main() -> ExitCode {
    // `cargo bench` passes --bench; `cargo test --benches` would pass
    // nothing: run only when benchmarking.
    if !std::env::args().any(|a| a == "--bench") {
        return ExitCode::SUCCESS;
    }
    let mut failures = Vec::new();
    input_size(&mut failures);
    pack_rules(&mut failures);
    large_lists(&mut failures);
    catastrophic_regex(&mut failures);
    if failures.is_empty() {
        println!("scaling: all bounds hold");
        ExitCode::SUCCESS
    } else {
        eprintln!("scaling bounds broken:\n  {}", failures.join("\n  "));
        ExitCode::FAILURE
    }
}
