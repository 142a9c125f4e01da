//! Inventory and peak season: forecasts, ship-by dates, safety stock and warehouse capacity.

pub mod backtest;
pub mod calendar;
pub mod forecast;
pub mod shipby;
pub mod simulate;
pub mod stock;
pub mod warehouse;
