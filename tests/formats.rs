//! Snapshots of every output format (insta), so that a changed byte in what
//! users and CI systems read shows up as a reviewed diff. The input is fixed
//! and the rules version is pinned, so a snapshot changes only when a format
//! or the judgement of these lines changes. After a deliberate change:
//!
//!     INSTA_UPDATE=always cargo test --test formats   (then review git diff)
//!
//! or `cargo insta review` with cargo-insta installed.

use finlint::format::tagged::{FileError, LineError, Tagged};
use finlint::format::{github, rules, sarif, summary, text};
use finlint::{CheckOptions, Checker, Report};

const NAME: &str = "海报/文案.txt";
const INPUT: &str =
    "本产品保本保收益，零风险稳赚！\n年化收益高达8%，全国第一。\n限时抢购，仅剩3天！";

fn report(input: &str) -> Report {
    let options = CheckOptions {
        product: Some("wealth".into()),
        ..CheckOptions::default()
    };
    let mut report = Checker::shared().check(input, &options).unwrap();
    // The rules version moves with every data change; the formats do not.
    report.version.rules = "finlint-core@snapshot".into();
    report
}

#[test]
fn text_without_colour() {
    let style = text::Style {
        color: false,
        encoding: None,
    };
    insta::assert_snapshot!(text::render(NAME, INPUT, &report(INPUT), &style));
}

#[test]
fn text_with_colour_and_encoding() {
    let style = text::Style {
        color: true,
        encoding: Some("GBK"),
    };
    insta::assert_snapshot!(text::render(NAME, INPUT, &report(INPUT), &style));
}

#[test]
fn summary_table() {
    let clean = "本产品为非保本浮动收益型产品。";
    let (a, b) = (report(INPUT), report(clean));
    insta::assert_snapshot!(summary::render(&[(NAME, &a), ("b.txt", &b)]));
}

#[test]
fn github_workflow_commands() {
    let mut out = github::render(NAME, &report(INPUT));
    // File names with the characters workflow commands must escape.
    out.push_str(&github::render_error(
        "a,b:c%.txt",
        "无法读取 a,b:c%.txt：没有读取权限",
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn json_single_report() {
    let r = report(INPUT);
    let tagged = Tagged {
        id: None,
        file: None,
        encoding: None,
        report: &r,
    };
    insta::assert_snapshot!(serde_json::to_string_pretty(&tagged).unwrap());
}

#[test]
fn jsonl_records() {
    let r = report(INPUT);
    let id = serde_json::json!("doc-1");
    let lines = [
        serde_json::to_string(&Tagged {
            id: Some(&id),
            file: None,
            encoding: None,
            report: &r,
        }),
        serde_json::to_string(&Tagged {
            id: None,
            file: Some(NAME),
            encoding: Some("GBK"),
            report: &r,
        }),
        serde_json::to_string(&FileError {
            file: "坏.txt",
            error: "无法读取 坏.txt：没有读取权限",
        }),
        serde_json::to_string(&LineError {
            error: "JSON 无效：第 2 列：无法识别的字面量（应为 true、false 或 null）",
            id: &serde_json::Value::Null,
            line: 7,
        }),
    ];
    let lines: Vec<String> = lines.into_iter().map(Result::unwrap).collect();
    insta::assert_snapshot!(lines.join("\n"));
}

/// SARIF with the rules that fired (the full list moves with every rule).
#[test]
fn sarif_log() {
    let r = report(INPUT);
    let fired: Vec<_> = Checker::shared()
        .rules(false)
        .into_iter()
        .filter(|info| r.findings.iter().any(|f| f.rule == info.id))
        .collect();
    let log = sarif::render(
        &[(NAME, &r)],
        &[("坏.txt", "无法读取 坏.txt：没有读取权限")],
        &fired,
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn rules_table() {
    // Term counts grow with the data; the layout is what is pinned here.
    let infos: Vec<_> = Checker::shared()
        .rules(false)
        .into_iter()
        .filter(|i| {
            [
                "guarantee.principal",
                "absolute.superlative",
                "label.risk_level",
            ]
            .contains(&i.id.as_str())
        })
        .map(|mut i| {
            i.terms = 123;
            i.patterns = 4;
            i
        })
        .collect();
    let version = finlint::report::Version {
        engine: "0.1.0".into(),
        rules: "finlint-core@snapshot".into(),
    };
    insta::assert_snapshot!(rules::render(&version, &infos));
}
