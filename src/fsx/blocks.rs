//! Output put together in a buffer and handed to a writer in large blocks: exports append
//! millions of small pieces, and a call through `dyn Write` for each costs more than the piece.

use std::io::{self, Write};

pub struct Blocks<'w> {
    w: &'w mut dyn Write,
    /// What is not handed on yet: append to it, then call [`Blocks::flush_full`].
    pub buf: Vec<u8>,
}

/// Size of a block: as large as `OutDir::stage`'s buffer, which then passes it straight on.
const BLOCK: usize = 1 << 20;

impl<'w> Blocks<'w> {
    pub fn new(w: &'w mut dyn Write) -> Blocks<'w> {
        Blocks { w, buf: Vec::with_capacity(BLOCK + (BLOCK >> 2)) }
    }

    /// Hands the buffer to the writer once it holds a block.
    pub fn flush_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= BLOCK {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Hands the rest to the writer.
    pub fn finish(self) -> io::Result<()> {
        self.w.write_all(&self.buf)
    }
}
