//! Typed errors with the user's coordinates. Messages shown to users are translated at the
//! UI edge from these types; the `Display` texts here are for logs and tests.

use crate::ingest::sniff::{BinaryKind, SniffError};
use crate::ingest::workbook::WorkbookError;
use crate::mapping::DatasetKind;
use serde::{Deserialize, Serialize};

/// Why a file (or sheet) could not be used at all. Row-level problems are not errors:
/// they are rejections in the data-quality report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FileProblem {
    #[error("the file is empty")]
    Empty,
    #[error("this is not a spreadsheet or a text table ({kind:?})")]
    NotATable { kind: BinaryKind },
    #[error("the workbook could not be read: {detail}")]
    UnreadableWorkbook { detail: String },
    #[error("the workbook is password-protected")]
    Encrypted,
    #[error("the workbook has no sheet with data")]
    NoSheets,
    #[error("the sheet {sheet:?} does not exist")]
    SheetNotFound { sheet: String },
    #[error("there are no data rows below the header")]
    NoRows,
    #[error("no column could be matched to the fields a {kind:?} analysis needs")]
    NoUsableColumns { kind: DatasetKind, headers: Vec<String> },
    #[error("the mapping is not usable: {missing:?} missing")]
    MappingNotUsable { missing: Vec<crate::mapping::Field> },
    #[error("the file could not be read: {detail}")]
    ReadFailed { detail: String },
    #[error("no such dataset")]
    UnknownDataset,
}

/// A [`FileProblem`] with the file (and sheet) it concerns.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}{}: {problem}", sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default())]
pub struct FileError {
    pub file: String,
    pub sheet: Option<String>,
    pub problem: FileProblem,
}

impl From<SniffError> for FileProblem {
    fn from(e: SniffError) -> FileProblem {
        match e {
            SniffError::Empty => FileProblem::Empty,
            SniffError::Binary { kind } => FileProblem::NotATable { kind },
        }
    }
}

impl From<WorkbookError> for FileProblem {
    fn from(e: WorkbookError) -> FileProblem {
        match e {
            WorkbookError::Encrypted => FileProblem::Encrypted,
            WorkbookError::NoSheets => FileProblem::NoSheets,
            WorkbookError::SheetNotFound { sheet } => FileProblem::SheetNotFound { sheet },
            other => FileProblem::UnreadableWorkbook { detail: error_chain(&other) },
        }
    }
}

/// An error and its sources, one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
