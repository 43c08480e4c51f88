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
    let err = stderr(&missing);
    assert!(
        err.contains("/no/such/file.txt") && err.contains("不存在"),
        "{err}"
    );
    assert!(
        !err.contains("--jsonl"),
        "the batch hint is for files too large only: {err}"
    );

    // Neither UTF-8 nor GB18030 (0xFF never occurs in either); the bytes this
    // test used before began with FF FE, a UTF-16 byte-order mark, which is
    // now read as UTF-16 (see `other_encodings_are_decoded_and_named`).
    let binary = temp("binary.txt", b"\xb1\xa3\xff\xff\xb1\xbe");
    let o = finlint(&["check", binary.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("UTF-8") && err.contains("GBK"), "{err}");

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

/// Products are named by id or by their Chinese name (data/catalog.toml),
/// and the help lists both from the catalog.
#[test]
fn product_is_accepted_by_chinese_name() {
    let json = |product: &str| {
        let o = finlint(
            &["check", "--product", product, "--format", "json", "-"],
            Some("保本保收益，日息0.02%".as_bytes()),
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let mut report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        report["profile"]["reason"] = serde_json::Value::Null;
        report
    };
    let by_name = json("贷款");
    assert_eq!(by_name["profile"]["name"], "loan");
    assert_eq!(by_name, json("loan"));

    let help = finlint(&["check", "--help"], None);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("loan（贷款）") && help.contains("general（通用）"),
        "{help}"
    );
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
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.iter().filter(|l| l["findings"].is_array()).count(),
        2,
        "the other files are still reported"
    );
    // The failed file has its own line, so the output names every input.
    assert!(lines
        .iter()
        .any(|l| l["error"].is_string() && l["file"].as_str().unwrap().ends_with("empty.txt")));
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

/// `eval --dict` with `--rules` applies the packs (they were ignored).
#[test]
fn eval_with_another_dictionary_still_applies_the_packs() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/hard_cases.jsonl");
    let dict = concat!(env!("CARGO_MANIFEST_DIR"), "/data/dict/base.txt");
    let pack = temp("off.toml", b"disable = [\"guarantee\", \"absolute\"]\n");
    let recall_hits = |args: &[&str]| {
        let o = finlint(args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["recall"]["hit"].as_u64().unwrap()
    };
    let plain = recall_hits(&["eval", "--format", "json", "--dict", dict, corpus]);
    let with_pack = recall_hits(&[
        "eval",
        "--format",
        "json",
        "--dict",
        dict,
        "--rules",
        s(&pack),
        corpus,
    ]);
    assert!(with_pack < plain, "{with_pack} vs {plain}");
}

/// `eval` and `rules` write text or JSON only; any other format is a usage
/// error in Chinese naming the choices, not text printed in its place.
#[test]
fn eval_and_rules_refuse_formats_they_do_not_write() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/hard_cases.jsonl");
    for args in [
        vec!["eval", "--format", "sarif", corpus],
        vec!["eval", "--format", "jsonl", corpus],
        vec!["rules", "--format", "github"],
        vec!["rules", "-f", "sarif"],
    ] {
        let o = finlint(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("无效") && err.contains("text、json"), "{err}");
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

/// `rules` lists every id a pack's `disable` accepts: the pack rules, the
/// required labels and the profile extras, each with the kinds it is made
/// of, in the table and in JSON; disabling any of them shows in the listing.
#[test]
fn rules_lists_labels_and_profile_extras() {
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let o = finlint(args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["rules"].as_array().unwrap().clone()
    };
    let rules = json(&["rules", "--format", "json"]);
    let find = |rules: &[serde_json::Value], id: &str| {
        let found = rules.iter().find(|r| r["id"] == id).cloned();
        found.unwrap_or_else(|| panic!("{id} not listed"))
    };
    for (id, kind) in [
        ("label.risk_level", "labels"),
        ("label.risk_warning", "labels"),
        ("label.fund_past_performance", "extras"),
        ("label.loan_apr", "extras"),
    ] {
        let r = find(&rules, id);
        assert_eq!(r["kinds"], serde_json::json!([kind]), "{r}");
        assert_eq!(r["category"], "missing_label");
        assert_eq!(r["enabled"], true);
    }
    let principal = find(&rules, "guarantee.principal");
    assert_eq!(principal["kinds"], serde_json::json!(["terms", "patterns"]));
    let table = String::from_utf8(finlint(&["rules"], None).stdout).unwrap();
    let listed: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split(' ').next())
        .collect();
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(listed, ids, "the table and the JSON list the same rules");
    // Every listed id is one `disable` accepts, and switches that rule off.
    let disable_all = ids.iter().map(|id| format!("{id:?}")).collect::<Vec<_>>();
    let pack = temp(
        "disable_listed.toml",
        format!("disable = [{}]\n", disable_all.join(", ")).as_bytes(),
    );
    let off = json(&["rules", "--format", "json", "--rules", s(&pack)]);
    assert_eq!(off.len(), rules.len());
    assert!(off.iter().all(|r| r["enabled"] == false), "{off:?}");
}

/// Terms a pack adds to a rule with `[[extend]]` are counted (once, folded,
/// even if the rule already has them) and listed apart, as written.
#[test]
fn rules_counts_terms_added_by_extend() {
    let principal = |args: &[&str]| -> serde_json::Value {
        let o = finlint(args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let rules = v["rules"].as_array().unwrap().clone();
        rules
            .into_iter()
            .find(|r| r["id"] == "guarantee.principal")
            .unwrap()
    };
    let before = principal(&["rules", "--format", "json"]);
    assert!(before["definition"].get("extended_terms").is_none());
    let pack = temp(
        "extend_terms.toml",
        "[[extend]]\nrule = \"guarantee.principal\"\nterms = [\"稳稳兜住\", \"穩穩託底\", \"保本\"]\n"
            .as_bytes(),
    );
    let after = principal(&["rules", "--format", "json", "--rules", s(&pack)]);
    let count = |r: &serde_json::Value| r["terms"].as_u64().unwrap();
    assert_eq!(count(&after), count(&before) + 2, "保本 is the rule's own");
    assert_eq!(
        after["definition"]["extended_terms"],
        serde_json::json!(["稳稳兜住", "穩穩託底", "保本"])
    );
    assert_eq!(after["definition"]["terms"], before["definition"]["terms"]);
    let table = String::from_utf8(finlint(&["rules", "--rules", s(&pack)], None).stdout).unwrap();
    let row = table
        .lines()
        .find(|l| l.starts_with("guarantee.principal "))
        .unwrap();
    assert!(row.contains(&format!("词条 {:>3}", count(&after))), "{row}");
}

// ---- Special files, encodings, usability (issues 12 and 15) ----

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Run with a deadline, so that a regression to hanging fails the test
/// instead of hanging the suite.
fn finlint_within(secs: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_finlint"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let readers = (
        std::thread::spawn(move || {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut out, &mut v).ok();
            v
        }),
        std::thread::spawn(move || {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut err, &mut v).ok();
            v
        }),
    );
    let t0 = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if t0.elapsed() > Duration::from_secs(secs) {
            child.kill().ok();
            child.wait().ok();
            panic!("finlint {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: readers.0.join().unwrap(),
        stderr: readers.1.join().unwrap(),
    }
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("finlint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_in_a_directory_is_skipped_and_reported() {
    let dir = fresh_dir("fifo");
    std::fs::write(dir.join("a.txt"), "保本理财").unwrap();
    mkfifo(&dir.join("pipe.txt"));
    let o = finlint_within(60, &["check", "--format", "jsonl", s(&dir)]);
    let err = stderr(&o);
    assert!(
        err.contains("pipe.txt") && err.contains("命名管道"),
        "{err}"
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "a skipped special file is not an error: {err}"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn symlink_loops_are_followed_once() {
    let dir = fresh_dir("loops");
    std::fs::write(dir.join("a.txt"), "保本理财").unwrap();
    std::os::unix::fs::symlink(".", dir.join("x")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("y")).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("self", dir.join("self")).unwrap();
    let o = finlint_within(60, &["check", "--format", "jsonl", s(&dir)]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "each file once: {out}");
    let err = stderr(&o);
    assert!(err.contains("未重复进入") && err.contains("self"), "{err}");
    assert_eq!(o.status.code(), Some(1), "{err}");
}

#[test]
fn dev_zero_is_refused_in_bounded_time_and_memory() {
    for args in [
        vec!["check", "/dev/zero"],
        vec!["check", "--jsonl", "/dev/zero"],
        vec!["check", "--rules", "/dev/zero", "/dev/null"],
    ] {
        let o = finlint_within(120, &args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("上限") || err.contains("停止读取"),
            "{args:?}: {err}"
        );
    }
    let o = finlint_within(60, &["check", "--rules", "/dev/zero", "-"]);
    assert!(
        !stderr(&o).contains("--jsonl"),
        "a pack is not a batch: {}",
        stderr(&o)
    );
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Root reads any folder, so the unreadable-folder case runs as `nobody`
/// through setpriv when the tests run as root.
#[test]
fn an_unreadable_subdirectory_is_reported_and_the_run_goes_on() {
    let dir = fresh_dir("unreadable");
    std::fs::create_dir(dir.join("locked")).unwrap();
    std::fs::write(dir.join("locked/b.txt"), "零风险").unwrap();
    std::fs::write(dir.join("a.txt"), "保本理财").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let bin = env!("CARGO_BIN_EXE_finlint");
    let mut cmd = if running_as_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    let o = cmd
        .args(["check", "--format", "jsonl", s(&dir)])
        .stdin(Stdio::null())
        .output();
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = match o {
        Ok(o) if !String::from_utf8_lossy(&o.stderr).contains("setpriv:") => o,
        other => {
            // No setpriv (or it may not switch users here): the assertion
            // needs a user that cannot read the folder, so it is skipped.
            eprintln!("skipped: cannot run as an unprivileged user: {other:?}");
            return;
        }
    };
    let err = stderr(&o);
    assert!(
        err.contains("locked") && err.contains("没有读取权限"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("a.txt"), "the rest is still checked: {out}");
    assert_eq!(o.status.code(), Some(2), "{err}");
}

#[test]
fn nothing_to_check_is_exit_two_with_what_was_skipped() {
    let empty = fresh_dir("empty");
    let o = finlint_within(60, &["check", s(&empty)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有可检查的文件"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());

    let office = fresh_dir("office");
    // Word, PowerPoint and PDF files are read now; spreadsheets and archives
    // are not, and the message counts them by extension.
    std::fs::write(office.join("a.xlsx"), "x").unwrap();
    std::fs::write(office.join("b.xlsx"), "x").unwrap();
    std::fs::write(office.join("c.zip"), "x").unwrap();
    let o = finlint_within(60, &["check", s(&office)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(".xlsx 2 个") && err.contains(".zip 1 个"),
        "{err}"
    );
}

#[test]
fn other_encodings_are_decoded_and_named() {
    let text = "本产品保本保收益，欢迎咨询。";
    let (gbk, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    // © is not in GBK: GB18030 writes it as a four-byte sequence.
    let (gb18030, _, _) = encoding_rs::GB18030.encode("©2026 本产品保本保收益");
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for (name, bytes, encoding) in [
        ("gbk.txt", gbk.to_vec(), "GBK"),
        ("gb18030.txt", gb18030.to_vec(), "GB18030"),
        ("utf16le.txt", utf16le, "UTF-16LE"),
        ("utf16be.txt", utf16be, "UTF-16BE"),
    ] {
        let path = temp(name, &bytes);
        let o = finlint(&["check", "--format", "json", s(&path)], None);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            v["encoding"].as_str().map(|e| e.starts_with(encoding)),
            Some(true),
            "{name}: {v}"
        );
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "guarantee.principal");
        assert!(
            f.is_some_and(|f| f["text"].as_str().unwrap().contains("保本")),
            "{name}"
        );
        let o = finlint(&["check", s(&path)], None);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(&format!("按 {encoding}")), "{name}: {out}");
    }
}

#[test]
fn a_utf8_bom_does_not_shift_columns() {
    let plain = temp("nobom.txt", "保本理财".as_bytes());
    let bom = temp("bom.txt", "\u{FEFF}保本理财".as_bytes());
    let cols: Vec<serde_json::Value> = [plain, bom]
        .iter()
        .map(|p| {
            let o = finlint(&["check", "--format", "json", s(p)], None);
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let f = &v["findings"][0];
            serde_json::json!([f["line"], f["column"], f["span"]["start"], f["text"]])
        })
        .collect();
    assert_eq!(cols[0], cols[1]);
    assert_eq!(cols[0][1], 1);
}

#[test]
fn without_colour_a_caret_line_marks_the_finding() {
    let o = finlint(
        &["check", "--color", "never", "-"],
        Some("这款产品保本保收益哦".as_bytes()),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("原文："))
        .expect("excerpt");
    let excerpt = lines[at];
    let carets = lines[at + 1];
    let width = |s: &str| finlint::format::display_width(s);
    let hit_col = width(&excerpt[..excerpt.find("保本").unwrap()]);
    assert_eq!(
        width(&carets[..carets.find('^').unwrap()]),
        hit_col,
        "{out}"
    );
    assert!(carets.trim().chars().all(|c| c == '^'), "{out}");
    assert!(!out.contains('\x1b'), "{out}");
}

#[test]
fn escape_codes_in_the_copy_never_reach_the_terminal() {
    let copy = "\x1b]0;owned\x07\x1b[2J保本\u{9b}31m理财\u{202E}";
    let name = temp("esc\x1b[31m.txt", copy.as_bytes());
    for format in ["text", "github"] {
        let o = finlint(
            &["check", "--color", "never", "--format", format, s(&name)],
            None,
        );
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("保本"), "{format}: {out}");
        for bad in ['\x1b', '\x07', '\u{9b}', '\u{202E}'] {
            assert!(!out.contains(bad), "{format}: {bad:?} in {out:?}");
        }
        assert!(
            out.contains("<U+001B>"),
            "{format}: escape shown as a code: {out}"
        );
    }
    let o = finlint(&["check", "--color", "always", s(&name)], None);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        !out.contains("\x1b]0;") && !out.contains("\x1b[2J"),
        "{out:?}"
    );
}

#[test]
fn help_is_in_chinese_with_examples() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["rules", "-h"],
        vec!["eval", "--help"],
    ] {
        let o = finlint(&args, None);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.contains("用法") && out.contains("示例") && out.contains("显示帮助"),
            "{args:?}: {out}"
        );
        for english in [
            "Usage:",
            "Options:",
            "Print help",
            "Arguments:",
            "Commands:",
        ] {
            assert!(!out.contains(english), "{args:?}: {english} in {out}");
        }
    }
    let o = finlint(&["check", "--frobnicate"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("未知参数"), "{}", stderr(&o));
}

/// English words the parsers use; none may reach a pack error.
const PARSER_ENGLISH: &[&str] = &[
    "expected",
    "unknown",
    "invalid",
    "missing",
    "variant",
    "duplicate",
    "found",
    "EOF",
    "trailing",
    "regex",
    "parse error",
    "unclosed",
];

#[test]
fn pack_errors_are_in_chinese_and_name_the_format() {
    let rule = "[[rule]]\nid = \"org.a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\n";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "v.toml",
            "[severity]\n\"absolute.first\" = \"nonsense\"\n".into(),
            "nonsense",
        ),
        ("f.toml", "alow = [\"x\"]\n".into(), "alow"),
        ("t.toml", format!("{rule}terms = 5\n"), "类型错误"),
        ("m.toml", "[[rule]]\nid = \"a\"\n".into(), "缺少"),
        ("s.toml", "allow = [\n".into(), "TOML"),
        ("k.toml", "a b = 1\n".into(), "TOML"),
        (
            "r.toml",
            format!("{rule}patterns = [\"(abc\"]\n"),
            "括号未闭合",
        ),
        (
            "l.toml",
            format!("{rule}patterns = [\"(?<=a)b\"]\n"),
            "不支持",
        ),
        ("c.json", "{\"allow\": [\"a\",]}".into(), "JSON"),
        ("d.json", "\u{FEFF}{\"disable\": 5}".into(), "JSON"),
        (
            "e.json",
            "{\"rule\": [{\"id\": \"a\", \"category\": \"bogus\"}]}".into(),
            "bogus",
        ),
    ];
    for (name, body, expect) in cases {
        let pack = temp(name, body.as_bytes());
        let o = finlint(&["rules", "--rules", s(&pack)], None);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(expect), "{name}: {err}");
        if name.ends_with(".json") {
            assert!(!err.contains("TOML"), "{name}: {err}");
        }
        // `missing_label` is a category name the message lists, not English.
        let prose = err.replace("missing_label", "").to_lowercase();
        for word in PARSER_ENGLISH {
            assert!(
                !prose.contains(&word.to_lowercase()),
                "{name}: {word:?} in {err}"
            );
        }
    }
}

#[test]
fn too_large_inputs_give_the_exact_size_and_packs_do_not_suggest_jsonl() {
    let limit = finlint::MAX_INPUT_BYTES;
    let path = temp("over.txt", b"");
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(limit as u64 + 1)
        .unwrap();
    let o = finlint(&["check", s(&path)], None);
    let err = stderr(&o);
    assert!(
        err.contains("33,554,433 字节") && err.contains("--jsonl"),
        "{err}"
    );
    let pack = temp("over.toml", b"");
    std::fs::File::options()
        .write(true)
        .open(&pack)
        .unwrap()
        .set_len(finlint::MAX_PACK_BYTES as u64 + 1)
        .unwrap();
    let o = finlint(&["rules", "--rules", s(&pack)], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("16,777,217 字节") && !err.contains("--jsonl"),
        "{err}"
    );
}

#[test]
fn json_output_keeps_its_shape_when_some_files_fail() {
    let dir = fresh_dir("shape");
    std::fs::write(dir.join("good.txt"), "保本理财").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let good = dir.join("good.txt");
    let missing = dir.join("missing.txt");
    for args in [
        vec!["check", "--format", "json", s(&dir)],
        vec!["check", "--format", "json", s(&good), s(&missing)],
    ] {
        let o = finlint(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
        let items = v.as_array().expect("an array, as for any several files");
        assert_eq!(items.len(), 2, "{v}");
        assert!(items
            .iter()
            .any(|i| i["findings"].is_array() && i["file"].is_string()));
        assert!(items
            .iter()
            .any(|i| i["error"].is_string() && i["file"].is_string()));
    }
    // A directory holding one file is still "several files": an array.
    let one = fresh_dir("shape-one");
    std::fs::write(one.join("a.txt"), "保本理财").unwrap();
    let o = finlint(&["check", "--format", "json", s(&one)], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.is_array(), "{v}");
}

#[test]
fn jsonl_bom_and_lone_surrogates_are_handled_in_chinese() {
    let input = "\u{FEFF}{\"id\":1,\"text\":\"保本理财\"}\n{\"id\":2,\"text\":\"a\\ud800b\"}\n{\"id\":3,\"text\":\"收益\\udc00\"}\n";
    let path = temp("bom.jsonl", input.as_bytes());
    let o = finlint(&["check", "--jsonl", s(&path)], None);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0]["id"], 1,
        "a BOM before the first record is not part of it"
    );
    assert!(lines[0]["findings"].is_array());
    for l in &lines[1..] {
        let e = l["error"].as_str().unwrap();
        assert!(e.contains("代理项"), "{e}");
        for word in PARSER_ENGLISH {
            assert!(!e.contains(word), "{word} in {e}");
        }
    }
}

/// A reader that stops early (`| head`) is not an error: finlint ends
/// quietly with status 0 instead of panicking on the closed pipe.
#[test]
fn a_closed_stdout_ends_quietly_with_status_zero() {
    let dir = fresh_dir("pipe");
    for i in 0..200 {
        std::fs::write(
            dir.join(format!("{i:03}.txt")),
            "保本保息，零风险稳赚，全国第一！".repeat(20),
        )
        .unwrap();
    }
    let batch = fresh_dir("pipe-batch").join("batch.jsonl");
    let line = format!(
        "{{\"id\":1,\"text\":\"{}\"}}\n",
        "保本保息，零风险稳赚！".repeat(20)
    );
    std::fs::write(&batch, line.repeat(500)).unwrap();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/hard_cases.jsonl");
    // `rules` and `eval` are closed before they write (their output fits a
    // pipe buffer); the checks are closed after one byte, their output being
    // far larger.
    let cases = [
        (vec!["rules"], 0),
        (vec!["rules", "--format", "json"], 0),
        (vec!["eval", "-v", corpus], 0),
        (vec!["eval", "--format", "json", corpus], 0),
        (vec!["check", s(&dir)], 1),
        (vec!["check", "--format", "json", s(&dir)], 1),
        (vec!["check", "--format", "github", s(&dir)], 1),
        (vec!["check", "--format", "sarif", s(&dir)], 1),
        (vec!["check", "--jsonl", s(&batch)], 1),
    ];
    for (args, read_first) in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_finlint"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = vec![0u8; read_first];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_user_rule_never_hides_a_built_in_error() {
    let pack = temp(
        "cover.toml",
        "[[rule]]\nid = \"org.cover\"\ncategory = \"misleading\"\nseverity = \"info\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"本产品保本保收益\"]\n".as_bytes(),
    );
    let o = finlint(
        &[
            "check",
            "--format",
            "json",
            "--product",
            "general",
            "--rules",
            s(&pack),
            "-",
        ],
        Some("本产品保本保收益".as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1), "the verdict stays 需修改");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"guarantee.principal") && rules.contains(&"org.cover"),
        "{rules:?}"
    );
}

/// The memory bound stated in the README (80 MiB + 50 MiB per input MiB,
/// worst shape; it was 90 MiB + 180 MiB before the CLI capped its findings),
/// checked at 2 MiB of the densest claims. Needs GNU time for
/// the child's peak RSS; skipped, and said so, without it.
#[test]
fn peak_memory_stays_under_the_stated_bound() {
    if !Path::new("/usr/bin/time").exists() {
        eprintln!("skipped: /usr/bin/time is not installed");
        return;
    }
    let mib = 2usize;
    let path = temp(
        "dense.txt",
        "保本\n".repeat(mib * 1024 * 1024 / 7).as_bytes(),
    );
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%M", env!("CARGO_BIN_EXE_finlint")])
        .args([
            "check",
            "--format",
            "json",
            "--product",
            "general",
            s(&path),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = stderr(&o);
    let kib: usize = err.trim().lines().last().unwrap().trim().parse().unwrap();
    let bound = (80 + 50 * mib) * 1024;
    assert!(
        kib < bound,
        "peak {} MiB over the bound {} MiB",
        kib / 1024,
        bound / 1024
    );
}

#[test]
fn sarif_lists_files_that_could_not_be_checked() {
    let dir = fresh_dir("sarif");
    std::fs::write(dir.join("good.txt"), "保本理财").unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let o = finlint(&["check", "--format", "sarif", s(&dir)], None);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let run = &v["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let note = &run["invocations"][0]["toolExecutionNotifications"][0];
    let uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str();
    assert!(uri.is_some_and(|u| u.ends_with("empty.txt")), "{note}");
    assert!(!run["results"].as_array().unwrap().is_empty());
}

/// Findings with a place in the text (the cap does not count missing labels).
fn located(report: &serde_json::Value) -> usize {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["span"].is_null())
        .count()
}

/// Issue 15, item 6: the CLI caps the findings per document (default
/// 10,000, `--max-findings N`), says so in text and JSON, and keeps the
/// verdict.
#[test]
fn the_report_is_capped_and_says_so() {
    let input = "保本\n".repeat(50);
    let text = finlint(
        &["check", "--product", "general", "--max-findings", "5", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(text.status.code(), Some(1));
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(
        out.contains("已截断") && out.contains("最严重的 5 处"),
        "{out}"
    );
    assert_eq!(out.matches("[guarantee.principal]").count(), 5, "{out}");

    let json = finlint(
        &[
            "check",
            "--format",
            "json",
            "--product",
            "general",
            "--max-findings",
            "5",
            "-",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["summary"]["truncated"], true);
    assert_eq!(located(&v), 5);

    // Under the cap nothing says truncated.
    let json = finlint(
        &["check", "--format", "json", "--product", "general", "-"],
        Some(input.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["summary"].get("truncated").is_none());
    assert_eq!(located(&v), 50);

    // The default cap applies with no flag, in --jsonl too.
    let many = "保本\n".repeat(finlint::DEFAULT_MAX_FINDINGS + 10);
    let json = finlint(
        &["check", "--format", "json", "--product", "general", "-"],
        Some(many.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["summary"]["truncated"], true);
    assert_eq!(located(&v), finlint::DEFAULT_MAX_FINDINGS);
    let line = serde_json::json!({"id": "big", "text": input}).to_string();
    let jsonl = temp("capped.jsonl", line.as_bytes());
    let o = finlint(
        &["check", "--jsonl", s(&jsonl), "--max-findings", "3"],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["truncated"], true);
    assert_eq!(located(&v), 3);

    // A cap of 0 or a non-number is a usage error in Chinese.
    for bad in ["0", "x", "-1"] {
        let o = finlint(&["check", "--max-findings", bad, "-"], Some(b"x"));
        assert_eq!(o.status.code(), Some(2), "{bad}");
    }
    let help = finlint(&["check", "--help"], None);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--max-findings"));
}

/// Issue 15, item 4, same span, through the CLI: an info-level pack term on
/// exactly the span of a built-in frame rule's error must not turn exit 1
/// into exit 0.
#[test]
fn a_pack_term_on_the_same_span_keeps_the_exit_code() {
    let pack = temp(
        "same.toml",
        "[[rule]]\nid = \"org.same\"\ncategory = \"misleading\"\nseverity = \"info\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"风险基本为零\"]\n".as_bytes(),
    );
    let o = finlint(
        &[
            "check",
            "--format",
            "json",
            "--product",
            "general",
            "--rules",
            s(&pack),
            "-",
        ],
        Some("风险基本为零".as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"guarantee.loss_denial"), "{rules:?}");
}

/// Writing to a full disk is an error with exit 2 and a Chinese message,
/// never a panic or a quiet success.
#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    for format in ["text", "json", "sarif", "github"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_finlint"))
            .args(["check", "--format", format, "-"])
            .stdin(Stdio::piped())
            .stdout(full)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all("保本理财".as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{format}: {err}");
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert!(err.contains("磁盘空间已满"), "{format}: {err}");
    }
}

#[test]
fn explain_lists_what_was_not_flagged_in_text_and_json() {
    let text =
        "【反诈提醒】警惕理财骗局！骗子常说“保本高息，稳赚不赔”，请勿相信。\n本产品不保证收益。";
    let out = finlint(
        &["check", "--explain", "--color", "never", "-"],
        Some(text.as_bytes()),
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("未标记的疑似用语（--explain）"), "{shown}");
    assert!(
        shown.contains("体裁：") && shown.contains("风险警示或反诈"),
        "{shown}"
    );
    assert!(
        shown.contains("<stdin>:1:19: 未标记·体裁引用 [guarantee.principal]"),
        "{shown}"
    );
    assert!(
        shown.contains("<stdin>:2:5: 未标记·否定 [guarantee.returns]")
            && shown.contains("否定词“不”"),
        "{shown}"
    );
    // The excerpt with its caret line, as for findings.
    assert!(
        shown.contains("原文：") && shown.contains("^^^^^^^^"),
        "{shown}"
    );

    let plain = finlint(&["check", "--color", "never", "-"], Some(text.as_bytes()));
    let plain = String::from_utf8_lossy(&plain.stdout);
    assert!(!plain.contains("未标记"), "{plain}");

    let json = finlint(
        &["check", "--explain", "--format", "json", "-"],
        Some(text.as_bytes()),
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let explained = report["explained"].as_array().unwrap();
    let negated = explained
        .iter()
        .find(|e| e["reason"] == "negation")
        .unwrap_or_else(|| panic!("{explained:?}"));
    assert_eq!(negated["rule"], "guarantee.returns");
    assert_eq!(negated["text"], "保证收益");
    assert_eq!(negated["cue"], "不");
    assert_eq!(negated["line"], 2);
    assert!(negated["span"]["utf16_start"].is_u64());
    let without = finlint(&["check", "--format", "json", "-"], Some(text.as_bytes()));
    let without: serde_json::Value = serde_json::from_slice(&without.stdout).unwrap();
    assert!(without.get("explained").is_none());

    let lines = finlint(
        &["check", "--explain", "--format", "jsonl", "-"],
        Some(text.as_bytes()),
    );
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&lines.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        first["explained"].as_array().unwrap().len(),
        explained.len()
    );
}

#[test]
fn explain_applies_to_jsonl_batches() {
    let input = "{\"id\":1,\"text\":\"请问这款产品保本吗？\"}\n";
    let path = temp("explain.jsonl", input.as_bytes());
    let out = finlint(
        &["check", "--explain", "--jsonl", path.to_str().unwrap()],
        None,
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["explained"][0]["reason"], "question", "{report}");
}

#[test]
fn a_warning_that_sells_nothing_does_not_mark_its_labels_as_required() {
    let warning = "【反诈提醒】警惕理财骗局！\n骗子常说“保本高息，稳赚不赔”，请勿相信。\n本产品不保证收益，投资有风险。";
    let out = finlint(&["check", "-"], Some(warning.as_bytes()));
    let text = String::from_utf8_lossy(&out.stdout);
    let summary = text
        .lines()
        .find(|l| l.starts_with("必备信息："))
        .expect("a labels line");
    assert!(!summary.contains('✗'), "{summary}");
    assert!(summary.contains("风险等级–"), "{summary}");
    // An ad missing the same labels still has them marked as required.
    let ad = "这款理财年化收益4%，欢迎购买。";
    let out = finlint(&["check", "--product", "wealth", "-"], Some(ad.as_bytes()));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("风险等级✗"), "{text}");
}
