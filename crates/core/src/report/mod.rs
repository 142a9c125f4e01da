//! Reports and exports: the serde structs the UI shows and the files users download.

pub mod cell;
pub mod csv_out;
pub mod export;
pub mod labels;
pub mod xlsx;

use crate::analysis::logistics::LogisticsReport;
use crate::ingest::preview::Preview;
use crate::ingest::quality::{Convention, Rejection, UnknownValue, Warning};
use crate::mapping::requirements::{figure_status, FigureStatus};
use crate::mapping::{DatasetKind, Mapping};
use crate::session::{Dataset, DatasetId, Settings};
use serde::{Deserialize, Serialize};

/// How many rejected rows travel to the UI with a summary (all are in the CSV download).
pub const REJECTIONS_SHOWN: usize = 200;

/// One loaded file (or sheet) as the UI shows it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DatasetSummary {
    pub id: DatasetId,
    pub file: String,
    pub sheet: Option<String>,
    pub kind: DatasetKind,
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_rejected: u64,
    pub rows_blank: u64,
    pub preview: Preview,
    pub mapping: Mapping,
    pub figures: Vec<FigureStatus>,
    pub warnings: Vec<Warning>,
    pub conventions: Vec<Convention>,
    pub unknown_countries: Vec<UnknownValue>,
    pub malformed_bytes: u64,
    /// The first [`REJECTIONS_SHOWN`] rejected rows.
    pub rejections: Vec<Rejection>,
    pub is_demo: bool,
}

impl DatasetSummary {
    pub fn of(d: &Dataset) -> DatasetSummary {
        let q = &d.quality;
        let mut preview = d.preview.clone();
        preview.samples.truncate(5);
        preview.sample_rows.truncate(5);
        DatasetSummary {
            id: d.id,
            file: d.file.clone(),
            sheet: d.preview.sheet.clone(),
            kind: d.mapping.kind,
            rows_read: q.rows_read,
            rows_used: q.rows_used,
            rows_rejected: q.rows_rejected,
            rows_blank: q.rows_blank,
            preview,
            mapping: d.mapping.clone(),
            figures: figure_status(&d.mapping),
            warnings: q.warnings.clone(),
            conventions: q.conventions.clone(),
            unknown_countries: q.unknown_countries.clone(),
            malformed_bytes: q.malformed_bytes,
            rejections: q.rejections.iter().take(REJECTIONS_SHOWN).cloned().collect(),
            is_demo: d.is_demo,
        }
    }
}

/// Everything the analyses found, for the UI.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Report {
    pub datasets: Vec<DatasetSummary>,
    pub logistics: Option<LogisticsReport>,
    pub customs: Option<crate::analysis::customs::CustomsReport>,
    pub inventory: Option<crate::analysis::inventory::InventoryReport>,
    pub homogeneity: Option<crate::analysis::homogeneity::HomogeneityReport>,
    pub settings: Settings,
}
