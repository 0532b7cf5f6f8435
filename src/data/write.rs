//! Writing tables as CSV bytes: fixed header, rows in the order given, "\n" line ends.

use super::tables::Table;

/// Renders a table. Pure: the same rows give the same bytes.
pub fn render<'a, T: Table + 'a>(rows: impl IntoIterator<Item = &'a T>) -> Vec<u8> {
    let mut w =
        csv::WriterBuilder::new().has_headers(false).terminator(csv::Terminator::Any(b'\n')).from_writer(vec![]);
    // A header is written even for an empty table, so the file documents itself.
    let header_ok = w.write_record(T::COLUMNS).is_ok();
    let rows_ok = rows.into_iter().all(|r| w.serialize(r).is_ok());
    debug_assert!(header_ok && rows_ok, "serialising plain records to memory cannot fail");
    w.into_inner().unwrap_or_default()
}
