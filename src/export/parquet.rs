//! Apache Parquet for DuckDB, Spark, pandas and the like: `nodes.parquet` with typed columns
//! (dates as DATE, parameter counts and TOPS as DOUBLE, flags as BOOLEAN) and `edges.parquet`
//! (source, relation, target), Snappy-compressed, in row groups of `ROW_GROUP` rows so that
//! neither the writer nor a reader holds more than one group of a column at a time.

use std::io::{self, Write};
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use petgraph::graph::NodeIndex;

use super::table::{self, Cell, Type};
use super::{Exporter, Info, Options, Prepared};
use crate::attrs::AttrBuf;
use crate::model::RelationKind;

/// Apache Parquet: a directory of two files.
pub struct Parquet;

/// Parquet by default from this many nodes on: below it the XML and JSON exports open
/// quickly in every tool, and the shipped output/ (committed) stays text.
const DEFAULT_FROM: usize = 100_000;

const INFO: Info = Info {
    name: "parquet",
    about: "A directory with nodes.parquet and edges.parquet, typed columns (DuckDB, Spark)",
    files: &["nodes.parquet", "edges.parquet"],
    cost: 6,
};

impl Exporter for Parquet {
    fn info(&self) -> &'static Info {
        &INFO
    }

    fn by_default(&self, nodes: usize) -> bool {
        nodes >= DEFAULT_FROM
    }

    fn write(&self, p: &Prepared, _: Options, part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
        write(p, part, w)
    }
}

/// Rows per row group: about a megabyte or two per column compressed, large enough for
/// scans to be efficient, small enough to stream.
const ROW_GROUP: usize = 128 * 1024;

/// Writes file `part` of `files()`.
fn write(ctx: &Prepared, part: usize, w: &mut (dyn Write + Send)) -> io::Result<()> {
    match part {
        0 => nodes(ctx, w),
        _ => edges(ctx, w),
    }
}

/// The column's declaration in the schema.
fn declaration(name: &str, t: Type, required: bool) -> String {
    let rep = if required { "required" } else { "optional" };
    match t {
        Type::Text => format!("{rep} binary {name} (STRING);"),
        Type::Double => format!("{rep} double {name};"),
        Type::Bool => format!("{rep} boolean {name};"),
        Type::Int => format!("{rep} int64 {name};"),
        // Days since 1970-01-01.
        Type::Date => format!("{rep} int32 {name} (DATE);"),
        Type::Doubles => format!("{rep} group {name} (LIST) {{ repeated group list {{ required double element; }} }}"),
    }
}

/// One column's values for the row group being filled, with Parquet's levels.
struct Column {
    name: &'static str,
    physical: Type,
    required: bool,
    /// Definition levels (optional columns only): 0 null, 1 present (2 for a list element).
    defs: Vec<i16>,
    /// Repetition levels (lists only): 0 starts a row, 1 continues its list.
    reps: Vec<i16>,
    text: Vec<ByteArray>,
    double: Vec<f64>,
    bool: Vec<bool>,
    int: Vec<i64>,
    date: Vec<i32>,
}

impl Column {
    fn new(name: &'static str, physical: Type, required: bool) -> Column {
        Column {
            name,
            physical,
            required,
            defs: Vec::new(),
            reps: Vec::new(),
            text: Vec::new(),
            double: Vec::new(),
            bool: Vec::new(),
            int: Vec::new(),
            date: Vec::new(),
        }
    }

    fn null(&mut self) {
        self.defs.push(0);
        if self.physical == Type::Doubles {
            self.reps.push(0);
        }
    }

    /// A present value, which `push` adds to the column's values.
    fn value(&mut self, push: impl FnOnce(&mut Column)) {
        if !self.required {
            self.defs.push(1);
        }
        push(self);
    }

    fn text(&mut self, s: &str) {
        self.value(|c| c.text.push(ByteArray::from(s.as_bytes().to_vec())));
    }

    fn doubles(&mut self, xs: Vec<f64>) {
        let n = xs.len();
        if n == 0 {
            return self.null();
        }
        self.double.extend(xs);
        self.defs.extend(std::iter::repeat_n(2, n));
        self.reps.push(0);
        self.reps.extend(std::iter::repeat_n(1, n - 1));
    }

    /// Writes the buffered values as this column's chunk of the current row group.
    fn flush<W: Write + Send>(
        &mut self,
        group: &mut parquet::file::writer::SerializedRowGroupWriter<'_, W>,
    ) -> parquet::errors::Result<()> {
        let mut col = group.next_column()?.ok_or_else(|| parquet::errors::ParquetError::General("schema".into()))?;
        let defs = (!self.required).then_some(&self.defs[..]);
        let reps = (self.physical == Type::Doubles).then_some(&self.reps[..]);
        match self.physical {
            Type::Text => col.typed::<ByteArrayType>().write_batch(&self.text, defs, reps)?,
            Type::Double | Type::Doubles => col.typed::<DoubleType>().write_batch(&self.double, defs, reps)?,
            Type::Bool => col.typed::<BoolType>().write_batch(&self.bool, defs, reps)?,
            Type::Int => col.typed::<Int64Type>().write_batch(&self.int, defs, reps)?,
            Type::Date => col.typed::<Int32Type>().write_batch(&self.date, defs, reps)?,
        };
        col.close()?;
        self.defs.clear();
        self.reps.clear();
        self.text.clear();
        self.double.clear();
        self.bool.clear();
        self.int.clear();
        self.date.clear();
        Ok(())
    }
}

/// A Parquet file of `columns`, filled one row group at a time.
struct Table<'w, W: Write + Send> {
    writer: SerializedFileWriter<&'w mut W>,
    columns: Vec<Column>,
    rows: usize,
}

impl<'w, W: Write + Send> Table<'w, W> {
    fn new(name: &str, columns: Vec<Column>, w: &'w mut W) -> parquet::errors::Result<Self> {
        let fields: Vec<String> = columns.iter().map(|c| declaration(c.name, c.physical, c.required)).collect();
        let schema =
            parquet::schema::parser::parse_message_type(&format!("message {name} {{ {} }}", fields.join(" ")))?;
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let writer = SerializedFileWriter::new(w, Arc::new(schema), Arc::new(props))?;
        Ok(Table { writer, columns, rows: 0 })
    }

    /// Counts a filled row; a full row group is written out.
    fn row_done(&mut self) -> parquet::errors::Result<()> {
        self.rows += 1;
        if self.rows == ROW_GROUP { self.flush() } else { Ok(()) }
    }

    fn flush(&mut self) -> parquet::errors::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        for c in &mut self.columns {
            c.flush(&mut group)?;
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }

    fn finish(mut self) -> parquet::errors::Result<()> {
        self.flush()?;
        self.writer.close()?;
        Ok(())
    }
}

fn nodes(ctx: &Prepared, w: &mut (dyn Write + Send)) -> io::Result<()> {
    let types = table::columns(ctx);
    let columns = types.iter().enumerate().map(|(i, &(name, t))| Column::new(name, t, i < table::REQUIRED)).collect();
    let mut w = w;
    let mut out = Table::new("node", columns, &mut w).map_err(io::Error::other)?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    let mut a = AttrBuf::default();
    for &n in &ctx.sub.nodes {
        for (c, cell) in out.columns.iter_mut().zip(table::row(ctx, n, &types, &mut a)) {
            match cell {
                Cell::Null => c.null(),
                Cell::Text(s) => c.text(&s),
                Cell::Double(x) => c.value(|c| c.double.push(x)),
                Cell::Bool(b) => c.value(|c| c.bool.push(b)),
                Cell::Int(i) => c.value(|c| c.int.push(i)),
                Cell::Date(d) => c.value(|c| c.date.push((d - epoch).num_days() as i32)),
                Cell::Doubles(xs) => c.doubles(xs),
            }
        }
        out.row_done().map_err(io::Error::other)?;
    }
    out.finish().map_err(io::Error::other)
}

fn edges(ctx: &Prepared, w: &mut (dyn Write + Send)) -> io::Result<()> {
    let columns = ["source", "relation", "target"].map(|name| Column::new(name, Type::Text, true)).into();
    let mut w = w;
    let mut table = Table::new("edge", columns, &mut w).map_err(io::Error::other)?;
    // Each id's bytes are made once and shared by every edge that names it (a reference
    // count, not a copy).
    let mut ids: Vec<Option<ByteArray>> = vec![None; ctx.g.node_count()];
    for &n in &ctx.sub.nodes {
        ids[n.index()] = Some(ByteArray::from(ctx.id(n).as_bytes().to_vec()));
    }
    let mut relations = vec![ByteArray::new(); RelationKind::ALL.len()];
    for r in RelationKind::ALL {
        relations[r as usize] = ByteArray::from(r.as_str().as_bytes().to_vec());
    }
    for &(s, r, t) in &ctx.sub.edges {
        let id = |n: NodeIndex| ids[n.index()].clone().expect("edges join selected nodes");
        table.columns[0].text.push(id(s));
        table.columns[1].text.push(relations[r as usize].clone());
        table.columns[2].text.push(id(t));
        table.row_done().map_err(io::Error::other)?;
    }
    table.finish().map_err(io::Error::other)
}
