//! Reusable pieces of the screens.

pub mod datasets;
pub mod echart;
pub mod mapping_editor;
pub mod progress;
pub mod table;
pub mod toolbar;
pub mod workspace;
