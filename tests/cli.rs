//! The `finlint` binary: exit codes, formats and bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn finlint(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_finlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        // The CLI may exit on a usage error before reading its input.
        let _ = pipe.write_all(bytes);
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("finlint-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const COMPLIANT: &str = "本产品为非保本浮动收益型产品，风险等级R2（中低风险），封闭期一年。理财非存款、产品有风险、投资须谨慎。发布机构：鑫享理财有限责任公司 发布日期：2026年8月8日";

#[test]
fn clean_copy_exits_zero_and_violations_exit_one() {
    let ok = finlint(
        &["check", "--product", "wealth", "-"],
        Some(COMPLIANT.as_bytes()),
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&ok.stdout),
        stderr(&ok)
    );
    let bad = finlint(&["check", "-"], Some("保本保收益，零风险稳赚！".as_bytes()));
    assert_eq!(bad.status.code(), Some(1));
    let out = String::from_utf8_lossy(&bad.stdout);
    assert!(
        out.contains("<stdin>:1:1")
            && out.contains("保本")
            && out.contains("建议")
            && out.contains("依据"),
        "{out}"
    );
    assert!(
        !out.contains("\x1b["),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn json_report_keeps_the_documented_names() {
    let o = finlint(
        &["check", "--format", "json", "-"],
        Some("保<b>本</b>理财".as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in [
        "findings",
        "labels",
        "profile",
        "suppressed",
        "summary",
        "version",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let f = &v["findings"][0];
    for key in [
        "rule",
        "category",
        "severity",
        "message",
        "suggestion",
        "basis",
        "text",
        "span",
    ] {
        assert!(f.get(key).is_some(), "finding missing {key}");
    }
    for key in [
        "start",
        "end",
        "utf16_start",
        "utf16_end",
        "byte_start",
        "byte_end",
    ] {
        assert!(f["span"].get(key).is_some(), "span missing {key}");
    }
    for key in [
        "risk_level",
        "liquidity",
        "advertiser",
        "date",
        "risk_warning",
    ] {
        assert!(v["labels"][key].get("present").is_some(), "label {key}");
    }
    assert_eq!(f["text"], "保<b>本</b>理财");
    assert_eq!(v["profile"]["detected"], true);
}

#[test]
fn jsonl_batch_writes_one_report_per_line_with_its_id() {
    let input = "{\"id\":\"a\",\"text\":\"保本理财\"}\n{\"id\":7,\"text\":\"最近市场震荡\",\"product\":\"fund\"}\n";
    let path = temp("batch.jsonl", input.as_bytes());
    let o = finlint(&["check", "--jsonl", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["profile"]["name"], "fund");
    let broken = temp("broken.jsonl", b"{\"id\":1,\"text\":\"ok\"}\nnot json\n");
    let o = finlint(&["check", "--jsonl", broken.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("第2行"), "{}", stderr(&o));
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let o = finlint(
        &["check", "--format", "sarif", "-"],
        Some("全国第一".as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "absolute.first");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
}

#[test]
fn bad_input_is_a_clear_error_with_exit_two() {
    let missing = finlint(&["check", "/no/such/file.txt"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("/no/such/file.txt"));

    let latin1 = temp("latin1.txt", b"\xff\xfe\xb1\xa3\xb1\xbe");
    let o = finlint(&["check", latin1.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));

    let empty = finlint(&["check", "-"], Some(b""));
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr(&empty).contains("为空"), "{}", stderr(&empty));

    let pack = temp(
        "bad.toml",
        b"[[rule]]\nid = \"x\"\ncategory = \"absolute\"\n",
    );
    let o = finlint(
        &["check", "--rules", pack.to_str().unwrap(), "-"],
        Some("保本".as_bytes()),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.toml"), "{}", stderr(&o));

    let o = finlint(
        &["check", "--product", "stocks", "-"],
        Some("保本".as_bytes()),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stocks"));

    let o = finlint(&["check", "--format", "yaml", "-"], Some("保本".as_bytes()));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn ten_megabyte_input_is_checked() {
    let unit = "本产品风险等级R2，年化收益高达6%。最近一周市场震荡，第一季度报告显示运作平稳。\n";
    let text = unit.repeat(10 * 1024 * 1024 / unit.len() + 1);
    let path = temp("big.txt", text.as_bytes());
    let o = finlint(
        &["check", "--format", "jsonl", path.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["findings"].as_array().unwrap().len() > 10_000);
}

#[test]
fn a_hundred_megabyte_file_is_refused_with_the_limit_named() {
    let path = temp("huge.txt", b"");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let o = finlint(&["check", path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("上限") && err.contains("--jsonl"), "{err}");
}

#[test]
fn a_directory_is_checked_with_a_summary_table_and_bad_files_reported() {
    let dir = std::env::temp_dir().join(format!("finlint-dir-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.md"), "保本理财，全国第一").unwrap();
    std::fs::write(dir.join("sub/b.html"), "<p>零风险</p>").unwrap();
    // Files of no checkable kind are skipped; images are checked by OCR
    // (tests/documents_cli.rs), so the skipped example is a .bin.
    std::fs::write(dir.join("skip.bin"), "保本").unwrap();
    let o = finlint(&["check", dir.to_str().unwrap()], None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("汇总") && out.contains("合计") && out.contains("2 个文件"),
        "{out}"
    );
    assert!(
        out.contains("a.md") && out.contains("b.html") && !out.contains("skip.bin"),
        "{out}"
    );
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let o = finlint(&["check", "--format", "jsonl", dir.to_str().unwrap()], None);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unreadable or empty file is a problem worth exit 2"
    );
    assert!(stderr(&o).contains("empty.txt"));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        2,
        "the other files are still reported"
    );
}

#[test]
fn eval_prints_the_scores() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/hard_cases.jsonl");
    let o = finlint(&["eval", corpus], None);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    for word in ["recall", "precision", "label accuracy", "guarantee"] {
        assert!(out.contains(word), "{out}");
    }
}

#[test]
fn rules_lists_every_rule() {
    let o = finlint(&["rules", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert!(rules.len() >= 15);
    assert!(rules.iter().any(|r| r["id"] == "guarantee.principal"
        && r["definition"]["terms"]
            .as_array()
            .is_some_and(|t| t.len() > 10)));
}
