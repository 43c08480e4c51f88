//! Native benchmarks: start-up, one ad at three lengths, and throughput on
//! 10 MB of realistic and of clean copy. Inputs come from
//! `node bench/inputs.mjs` (scripts/bench.sh runs it first) so that the wasm
//! and baseline benchmarks measure the very same text.
//!
//! Run: `bash scripts/bench.sh` (everything) or `cargo bench --bench check`.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use finlint::{CheckOptions, Checker};

fn input(name: &str) -> String {
    // bench/inputs.mjs writes them into the target directory, which
    // CARGO_TARGET_DIR may move.
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        |d| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(d),
    );
    let path = target.join("bench").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `node bench/inputs.mjs` (or scripts/bench.sh) first",
            path.display()
        )
    })
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("rules+dictionary", |b| {
        b.iter(|| Checker::fresh().expect("built-in rules"))
    });
    group.finish();
}

fn ads(c: &mut Criterion) {
    let checker = Checker::shared();
    let options = CheckOptions::default();
    let mut group = c.benchmark_group("ad");
    for chars in [500, 2000, 20000] {
        let text = input(&format!("ad-{chars}.txt"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(chars), &text, |b, text| {
            b.iter(|| checker.check(text, &options).expect("check"))
        });
    }
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let checker = Checker::shared();
    let options = CheckOptions::default();
    let mut group = c.benchmark_group("throughput");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for name in ["realistic", "clean"] {
        let text = input(&format!("{name}.txt"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| checker.check(text, &options).expect("check"))
        });
    }
    group.finish();
}

criterion_group!(benches, startup, ads, throughput);
criterion_main!(benches);
