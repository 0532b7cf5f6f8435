//! relations.csv is kept compact while validating (a run of rows with one source stores and
//! looks it up once; the reader remembers the previous row's source text): repeated,
//! misspelt and leniently spelt ends must still get every error, each at its own row.

mod common;

use common::{imported, run};

#[test]
fn repeated_ends_are_reported_at_every_row_they_fail() {
    let dir = imported();
    let path = dir.path().join("data/relations.csv");
    let mut csv = std::fs::read_to_string(&path).unwrap();
    // Rows 27-40: a dangling source twice in a row (the reader remembers the last source),
    // a bad key twice, the same relation with a lenient kind spelling and a padded relation
    // (duplicates), an end of a kind the relation does not take twice, empty and malformed
    // ends, and a succession cycle through an end seen before.
    csv.push_str(
        "paper:ghost,covers,technique:v-a-1-quantization\n\
         paper:ghost,covers,technique:v-c-easy-hard\n\
         paper:quant-tricks,covers,robot:x\n\
         paper:quant-tricks,covers,robot:x\n\
         Paper:quant-tricks, covers ,technique:v-c-easy-hard\n\
         paper:quant-tricks,covers,technique:v-c-easy-hard\n\
         paper:quant-tricks,covers,Technique:v-c-easy-hard\n\
         paper:quant-tricks,covers,chip:jetson-orin-nano\n\
         paper:quant-tricks,covers,chip:jetson-orin-nano\n\
         :x,covers,technique:v-c-easy-hard\n\
         ,covers,technique:v-c-easy-hard\n\
         paper:Quant,covers,technique:v-c-easy-hard\n\
         model:qwen2,successor_of,model:qwen2-5\n\
         model:qwen2,successor_of,model:qwen2\n",
    );
    std::fs::write(&path, csv).unwrap();
    let r = run(&["check"], dir.path());
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let expected = [
        "data/relations.csv:21:28: error: model:qwen2-5 successor_of model:qwen2: the succession comes back to model:qwen2-5 (a cycle)",
        "data/relations.csv:27:1: error: source \"paper:ghost\": no paper has this id",
        "data/relations.csv:28:1: error: source \"paper:ghost\": no paper has this id",
        "data/relations.csv:29:27: error: target \"robot:x\": expected a reference kind:id, e.g. model:qwen2-5; expected one of organisation, family, model, framework, backend, chip, device, paper, technique, product, benchmark, format",
        "data/relations.csv:30:27: error: target \"robot:x\": expected a reference kind:id, e.g. model:qwen2-5; expected one of organisation, family, model, framework, backend, chip, device, paper, technique, product, benchmark, format",
        "data/relations.csv:32:1: error: duplicate relation paper:quant-tricks covers technique:v-c-easy-hard; first at line 31",
        "data/relations.csv:33:1: error: duplicate relation paper:quant-tricks covers technique:v-c-easy-hard; first at line 31",
        "data/relations.csv:34:27: error: target \"chip:jetson-orin-nano\": a chip cannot be the target of covers (expected technique)",
        "data/relations.csv:35:27: error: target \"chip:jetson-orin-nano\": a chip cannot be the target of covers (expected technique)",
        "data/relations.csv:36:1: error: source \":x\": expected a reference kind:id, e.g. model:qwen2-5; expected one of organisation, family, model, framework, backend, chip, device, paper, technique, product, benchmark, format",
        "data/relations.csv:37:1: error: source is empty: a value is required",
        "data/relations.csv:38:1: error: source \"paper:Quant\": expected a reference kind:id, e.g. model:qwen2-5; expected a slug of lowercase letters, digits and single dashes, e.g. qwen2-5",
        "data/relations.csv:39:26: error: model:qwen2 successor_of model:qwen2-5: the succession comes back to model:qwen2 (a cycle)",
        "data/relations.csv:40:26: error: model:qwen2 succeeds itself",
        "14 error(s)",
    ];
    assert_eq!(r.stderr.lines().collect::<Vec<_>>(), expected);
}
