//! The figures drawn from data: the emergence timeline of model releases and the chip TOPS
//! timeline. Each builds a [`Scene`](crate::render::Scene) in pixels; rendering is separate.

pub mod chips;
pub mod emergence;
mod frame;
