//! Messages between the page and the web worker. Both sides serialise them as JSON; a
//! browser `File` travels beside an `OpenFile` request, and an export's bytes beside its
//! `Exported` response (as a transferable buffer), never inside the JSON.

use crate::error::FileError;
use crate::ingest::load::LoadProgress;
use crate::mapping::Mapping;
use crate::model::Date;
use crate::report::export::ExportKind;
use crate::report::labels::Lang;
use crate::report::{DatasetSummary, Report};
use crate::session::{DatasetId, MappingProposal, Settings};
use serde::{Deserialize, Serialize};

/// From the page to the worker.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// A file the user chose; the `File` object is posted beside this message.
    OpenFile { dataset: DatasetId, name: String },
    /// Another sheet of a pending workbook.
    ChooseSheet { dataset: DatasetId, sheet: String },
    /// The user confirmed a mapping: read the whole file, then analyse.
    Load { dataset: DatasetId, mapping: Mapping, today: Option<Date> },
    /// Re-open a loaded dataset to change its mapping (answered by a `Proposal`).
    Remap { dataset: DatasetId },
    /// Load the built-in demo data, then analyse.
    LoadDemo { first_dataset: DatasetId, today: Date },
    /// Forget a dataset, then analyse.
    Remove { dataset: DatasetId },
    /// New settings: analyse again.
    Analyse { settings: Box<Settings> },
    /// Build a file to download.
    Export { kind: ExportKind, lang: Lang },
    /// Assess planned shipments' customs risk (the risk calculator).
    Assess { planned: Vec<crate::model::planned::PlannedShipment> },
}

/// From the worker to the page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and is ready for requests.
    Ready,
    /// A long step advanced.
    Progress { dataset: Option<DatasetId>, progress: LoadProgress },
    /// A file was sniffed: the user should confirm its mapping.
    Proposal { proposal: MappingProposal },
    /// A file or sheet could not be used.
    Failed { dataset: Option<DatasetId>, error: FileError },
    /// A dataset was read in full.
    Loaded { summary: DatasetSummary },
    /// Fresh results of every analysis; the work the request started is done.
    Results { report: Box<Report> },
    /// An export is ready; its bytes are posted beside this message.
    Exported { name: String, mime: String },
    /// The risk calculator's answer.
    Assessed { estimates: Vec<crate::analysis::customs::risk::RiskEstimate> },
    /// A request finished without new results (e.g. a failed file).
    Idle,
}

impl Request {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("requests always serialise")
    }

    pub fn from_json(s: &str) -> Result<Request, serde_json::Error> {
        serde_json::from_str(s)
    }
}

impl Response {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("responses always serialise")
    }

    pub fn from_json(s: &str) -> Result<Response, serde_json::Error> {
        serde_json::from_str(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_round_trip_as_tagged_json() {
        let r = Request::OpenFile { dataset: 3, name: "运单.csv".into() };
        let json = r.to_json();
        assert!(json.contains(r#""type":"open_file""#));
        assert_eq!(Request::from_json(&json).unwrap(), r);
        let today = Date::from_ymd(2025, 1, 1).unwrap();
        let demo = Request::LoadDemo { first_dataset: 1, today };
        assert_eq!(Request::from_json(&demo.to_json()).unwrap(), demo);
    }

    #[test]
    fn responses_round_trip() {
        let r =
            Response::Progress { dataset: Some(1), progress: LoadProgress { rows: 10, bytes_done: 5, bytes_total: 9 } };
        assert_eq!(Response::from_json(&r.to_json()).unwrap(), r);
    }
}
