//! The rule-pack parser and compiler: any text gives a pack or a clear error.
//! Parsing is fast; only packs that parse go on to the (slower) compile.
#![no_main]
use finlint::pack::parse_pack;
use finlint::testing::compile_packs;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if parse_pack(text, "fuzz.toml").is_ok() {
        let _ = compile_packs(&[(text, "fuzz.toml")]);
    }
});
