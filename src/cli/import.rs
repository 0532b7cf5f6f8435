//! `edge-atlas import LIST_DIR`: update data/ from the list's Markdown and say what changed.

use edge_atlas::fsx::Durability;
use edge_atlas::import::{self, ImportError, Options};

use super::Failure;
use super::args::ImportArgs;

pub fn run(a: ImportArgs) -> Result<(), Failure> {
    let opts = Options { keep_gone: a.keep_gone && !a.prune, dry_run: a.dry_run, accept_removals: a.accept_removals };
    let data = super::out_dir(&a.data.data, Durability::Synced)?;
    let report = match import::import(&a.list, &data, opts) {
        Ok(r) => r,
        Err(ImportError::Invalid(d)) => return Err(Failure::Invalid(d)),
        Err(ImportError::Removals(stop)) => {
            // Every row that would go, so that accepting them is a decision about named rows.
            for t in stop.tables.iter().filter(|t| !t.removed.is_empty()) {
                say!("{}: {} row(s) would be removed:", t.file, t.removed.len());
                t.removed.iter().for_each(|id| say!("  - {id}"));
            }
            return Err(Failure::Other(anyhow::anyhow!("{stop}")));
        }
        Err(e) => return Err(Failure::Other(e.into())),
    };
    edge_atlas::term::tell_text(&report.warnings.to_string());
    report.notes.iter().for_each(|n| tell!("note: {n}"));
    for r in &report.renames {
        let alias = if r.aliased { "the old name is an alias" } else { "the old name is another entry's, so no alias" };
        say!("renamed {} {:?} → {:?} (id {} kept; {alias})", r.kind, r.old, r.new, r.id);
    }
    for m in &report.moves {
        let keys = |ks: &[edge_atlas::model::Key]| ks.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        say!("moved {}: {} → {}", m.entry, keys(&m.from), keys(&m.to));
    }
    for c in report.corrected.iter().filter(|c| c.new_alias) {
        say!(
            "corrected {} {:?} → {:?} (corrections.csv line {}; the list's spelling is an alias)",
            c.key,
            c.old,
            c.new,
            c.line
        );
    }
    let verb = if a.dry_run { "would change" } else { "changed" };
    let mut any = false;
    for t in &report.tables {
        if t.added.is_empty() && t.changed.is_empty() && t.removed.is_empty() {
            if t.written {
                any = true;
                let verb = if a.dry_run { "would be rewritten" } else { "rewritten" };
                say!("{}: {verb} in import's form (columns in schema order, LF line ends); no row changed", t.file);
            }
            continue;
        }
        any = true;
        let mut line = format!("{}: {} rows; {} added, {} changed", t.file, t.rows, t.added.len(), t.changed.len());
        if !t.removed.is_empty() {
            let fate =
                if opts.keep_gone { "gone from the list (kept: --keep-gone)" } else { "removed (gone from the list)" };
            line += &format!(", {} {fate}", t.removed.len());
        }
        say!("{line}");
        for (sign, ids) in [("+", &t.added), ("~", &t.changed), ("-", &t.removed)] {
            if ids.len() <= 20 {
                ids.iter().for_each(|id| say!("  {sign} {id}"));
            }
        }
    }
    for f in &report.curated_created {
        say!("{f}: created empty (curated by hand; import never writes it again)");
    }
    if !any {
        say!("{}: nothing {verb}", a.data.data.display());
    }
    say!("{} warning(s) about the list", report.warnings.iter().count());
    Ok(())
}
