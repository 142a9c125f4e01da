//! Typed reading of single cells: dates, numbers, money and promised delivery times.

pub mod date;
pub mod flag;
pub mod number;
pub mod promise;
