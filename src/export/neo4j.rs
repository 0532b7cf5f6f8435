//! Neo4j's admin-import CSV set: `nodes.csv` (`id:ID`, `:LABEL`, typed property headers such
//! as `size:double`, `date:date`, `params:double[]`), `relationships.csv` (`:START_ID`,
//! `:END_ID`, `:TYPE`) and a README with the import command. Labels are the entry kinds in
//! PascalCase (`Model`), relationship types the relation kinds in upper case (`RELEASED_BY`),
//! as Neo4j's conventions have them. The same files load into Kùzu with `COPY FROM`.

use std::io::{self, Write};

use super::table::{self, Cell, Type};
use super::{Exporter, Info, Options, Prepared};
use crate::attrs::AttrBuf;
use crate::model::RelationKind;

/// Neo4j's admin-import CSV set.
pub struct Neo4j;

const INFO: Info = Info {
    name: "neo4j",
    about: "A directory with Neo4j's admin-import CSV set and the import command",
    files: &["nodes.csv", "relationships.csv", "README.md"],
    cost: 5,
};

impl Exporter for Neo4j {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn by_default(&self, _nodes: usize) -> bool {
        false
    }

    fn write(&self, p: &Prepared, _: Options, part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
        write(p, part, w)
    }
}

/// Writes file `part` of `files()`.
fn write(ctx: &Prepared, part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
    match part {
        0 => nodes(ctx, w),
        1 => relationships(ctx, w),
        _ => readme(ctx, w),
    }
}

/// The property type in a header (`name:double`); strings are the default and unmarked.
fn header(name: &str, t: Type) -> String {
    let suffix = match t {
        Type::Text => "",
        Type::Double => ":double",
        Type::Bool => ":boolean",
        Type::Int => ":long",
        Type::Date => ":date",
        // Array items are separated by `;`, neo4j-admin's default --array-delimiter.
        Type::Doubles => ":double[]",
    };
    format!("{name}{suffix}")
}

/// `model` as the label `Model`.
pub fn label(kind: &str) -> String {
    let mut c = kind.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

fn nodes(ctx: &Prepared, w: &mut dyn Write) -> io::Result<()> {
    let columns = table::columns(ctx);
    let mut csv = csv::Writer::from_writer(w);
    let mut head = vec!["id:ID".to_string(), ":LABEL".to_string()];
    head.extend(columns[1..].iter().map(|&(name, t)| header(name, t)));
    csv.write_record(&head)?;
    let mut fields: Vec<String> = Vec::with_capacity(head.len());
    let mut a = AttrBuf::default();
    for &n in &ctx.sub.nodes {
        let row = table::row(ctx, n, &columns, &mut a);
        fields.clear();
        for (i, cell) in row.into_iter().enumerate() {
            if i == 1 {
                fields.push(label(ctx.g.node(n).key.kind.as_str()));
            }
            fields.push(match cell {
                Cell::Null => String::new(),
                Cell::Text(s) => s.into_owned(),
                Cell::Double(x) => x.to_string(),
                Cell::Bool(b) => b.to_string(),
                Cell::Int(i) => i.to_string(),
                Cell::Date(d) => d.to_string(),
                Cell::Doubles(xs) => xs.iter().map(f64::to_string).collect::<Vec<_>>().join(";"),
            });
        }
        csv.write_record(&fields)?;
    }
    csv.flush()
}

fn relationships(ctx: &Prepared, w: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(w);
    // Start and end first: Kùzu's COPY FROM takes the two ends from the first two columns.
    csv.write_record([":START_ID", ":END_ID", ":TYPE"])?;
    let mut types = vec![String::new(); RelationKind::ALL.len()];
    for r in RelationKind::ALL {
        types[r as usize] = r.as_str().to_uppercase();
    }
    for &(s, r, t) in &ctx.sub.edges {
        csv.write_record([ctx.id(s), ctx.id(t), &types[r as usize]])?;
    }
    csv.flush()
}

fn readme(ctx: &Prepared, w: &mut dyn Write) -> io::Result<()> {
    write!(
        w,
        "# edge-atlas graph for neo4j-admin import

nodes.csv: {nodes} nodes (`id:ID` is `kind:id`, `:LABEL` the kind, typed property columns).
relationships.csv: {edges} relationships (`:START_ID`, `:END_ID`, `:TYPE`).

Import into a new database (Neo4j 5; stop the database first), from this directory:

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
      --multiline-fields=true --overwrite-destination=true neo4j

Then, in Cypher: `MATCH (n) RETURN labels(n)[0] AS kind, count(*) ORDER BY kind`.
",
        nodes = ctx.sub.nodes.len(),
        edges = ctx.sub.edges.len(),
    )
}
