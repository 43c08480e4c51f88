//! The line and field a TOML pack error names, pinned for the inputs a
//! user gets wrong: a wrong type, an unknown or missing field, a bad enum
//! value, in each table of a pack, and a syntax error. Any change of the
//! TOML parser or of how a pack is deserialised (issue 13 weighed routing
//! TOML through the JSON deserialiser to shrink the wasm module) must keep
//! these messages.

use finlint::pack::parse_pack;

/// (file name, pack, the error's message: the CLI prints it after `finlint: `)
const CASES: &[(&str, &str, &str)] = &[
    (
        "c01.toml",
        "[[rule]]\nid = 5\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\n",
        "规则包 c01.toml 第2行：TOML 格式错误：字段 id：类型错误：此处是整数 5，应为字符串",
    ),
    (
        "c02.toml",
        "alow = [\"a\"]\n",
        "规则包 c02.toml 第1行：TOML 格式错误：字段 alow：未知字段 \"alow\"，可用字段：pack、rule、extend、allow、disable、severity、required_labels",
    ),
    (
        "c03.toml",
        "[[rule]]\nid = \"org.a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\nfoo = 1\n",
        "规则包 c03.toml 第8行：TOML 格式错误：字段 foo：未知字段 \"foo\"，可用字段：id、category、severity、message、suggestion、replacement、replacements、basis、terms、patterns、frames、exceptions、boundary、negatable、quotable、validate、drop_if、downgrade_if、profiles、examples",
    ),
    (
        "c04.toml",
        "[[rule]]\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\n",
        "规则包 c04.toml 第1行：TOML 格式错误：缺少必填字段 id",
    ),
    (
        "c05.toml",
        "[[rule]]\nid = \"org.a\"\ncategory = \"absolute\"\nseverity = \"fatal\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\n",
        "规则包 c05.toml 第4行：TOML 格式错误：字段 severity：取值 \"fatal\" 无效，可选：info、warning、error",
    ),
    (
        "c06.toml",
        "[severity]\n\"absolute\" = \"fatal\"\n",
        "规则包 c06.toml 第2行：TOML 格式错误：字段 absolute：取值 \"fatal\" 无效，可选：info、warning、error",
    ),
    (
        "c07.toml",
        "allow = \"x\"\n",
        "规则包 c07.toml 第1行：TOML 格式错误：字段 allow：类型错误：此处是字符串 \"x\"，应为数组",
    ),
    (
        "c08.toml",
        "[[extend]]\nrule = \"a\"\nterms = [1]\n",
        "规则包 c08.toml 第3行：TOML 格式错误：字段 terms：类型错误：此处是整数 1，应为字符串",
    ),
    (
        "c09.toml",
        "[required_labels]\nfund = [\"nope\"]\n",
        "规则包 c09.toml 第2行：TOML 格式错误：字段 fund：取值 \"nope\" 无效，可选：risk_level、liquidity、advertiser、date、risk_warning",
    ),
    (
        "c10.toml",
        "allow = [\"a\"]\n\nseverity = [\n",
        "规则包 c10.toml 第4行：TOML 格式错误：数组无效；此处应为 `]`",
    ),
    (
        "c11.toml",
        "allow = 1979-05-27\n",
        "规则包 c11.toml 第1行：TOML 格式错误：字段 allow：类型错误：此处是表（对象），应为数组",
    ),
    (
        "c12.toml",
        "rule = [{id = 5}]\n",
        "规则包 c12.toml 第1行：TOML 格式错误：字段 rule：类型错误：此处是整数 5，应为字符串",
    ),
    (
        "c13.toml",
        "disable = [\"a\", 2]\n",
        "规则包 c13.toml 第1行：TOML 格式错误：字段 disable：类型错误：此处是整数 2，应为字符串",
    ),
    (
        "c14.toml",
        "[pack]\nname = 3\n",
        "规则包 c14.toml 第2行：TOML 格式错误：字段 name：类型错误：此处是整数 3，应为字符串",
    ),
    (
        "c15.toml",
        "[pack]\nnmae = \"x\"\n",
        "规则包 c15.toml 第2行：TOML 格式错误：字段 nmae：未知字段 \"nmae\"，可用字段：name、version",
    ),
    (
        "c16.toml",
        "[[rule]]\nid = \"org.a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\ncategory2 = \"x\"\n[[rule]]\nid = \"org.b\"\n",
        "规则包 c16.toml 第8行：TOML 格式错误：字段 category2：未知字段 \"category2\"，可用字段：id、category、severity、message、suggestion、replacement、replacements、basis、terms、patterns、frames、exceptions、boundary、negatable、quotable、validate、drop_if、downgrade_if、profiles、examples",
    ),
    (
        "c17.toml",
        "allow = [\n  \"a\",\n  true,\n]\n",
        "规则包 c17.toml 第3行：TOML 格式错误：类型错误：此处是布尔值（true 或 false） true，应为字符串",
    ),
    (
        "c18.toml",
        "[[extend]]\nterms = [\"a\"]\n",
        "规则包 c18.toml 第1行：TOML 格式错误：缺少必填字段 rule",
    ),
    (
        "c19.toml",
        "allow = 1.5\n",
        "规则包 c19.toml 第1行：TOML 格式错误：字段 allow：类型错误：此处是小数 1.5，应为数组",
    ),
    (
        "c20.toml",
        "[[rule]]\nid = \"org.a\"\ncategory = \"nonsense\"\n",
        "规则包 c20.toml 第3行：TOML 格式错误：字段 category：取值 \"nonsense\" 无效，可选：absolute、guarantee、misleading、promotion、endorsement、unsourced_data、personal_info、missing_label",
    ),
    (
        "c21.toml",
        "required_labels = 3\n",
        "规则包 c21.toml 第1行：TOML 格式错误：字段 required_labels：类型错误：此处是整数 3，应为表（对象）",
    ),
    (
        "c22.toml",
        "[[rule]]\nid = \"org.a\"\ncategory = \"absolute\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nterms = [\"x\"]\ncontext = 7\n",
        "规则包 c22.toml 第8行：TOML 格式错误：字段 context：未知字段 \"context\"，可用字段：id、category、severity、message、suggestion、replacement、replacements、basis、terms、patterns、frames、exceptions、boundary、negatable、quotable、validate、drop_if、downgrade_if、profiles、examples",
    ),
    (
        "c23.toml",
        "severity = { \"a\" = 1 }\n",
        "规则包 c23.toml 第1行：TOML 格式错误：字段 severity：无法解析此处内容",
    ),
    (
        "c24.toml",
        "[[rule]]\nid=\"a\"\n[rule.x]\ny=1\n",
        "规则包 c24.toml 第3行：TOML 格式错误：未知字段 \"x\"，可用字段：id、category、severity、message、suggestion、replacement、replacements、basis、terms、patterns、frames、exceptions、boundary、negatable、quotable、validate、drop_if、downgrade_if、profiles、examples",
    ),
    (
        "c25.toml",
        "allow = [\"a\"]\nallow = [\"b\"]\n",
        "规则包 c25.toml 第2行：TOML 格式错误：字段 allow：键 allow 重复",
    ),
];

#[test]
fn toml_pack_errors_name_the_line_and_field() {
    let mut wrong = Vec::new();
    for (name, source, want) in CASES {
        match parse_pack(source, name) {
            Ok(_) => wrong.push(format!("{name}: accepted")),
            Err(e) if !same(&e.to_string(), want) => {
                wrong.push(format!("{name}: {e}\n  want: {want}"))
            }
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Equal, except that the list of a table's fields after 可用字段 is not
/// compared: it grows with every new rule field, which is not what this
/// test is about.
fn same(got: &str, want: &str) -> bool {
    const FIELDS: &str = "可用字段：";
    match (got.find(FIELDS), want.find(FIELDS)) {
        (Some(g), Some(w)) => got[..g] == want[..w],
        _ => got == want,
    }
}
