//! The workspace a user builds up in one visit: files being mapped, datasets loaded, the
//! settings chosen, and the analyses run over all of it. The web worker owns one; natively
//! tests and benchmarks drive the same code.

use crate::analysis::customs::{self, CustomsSettings};
use crate::analysis::homogeneity::{self, HomogeneitySettings, Prepared};
use crate::analysis::inventory::{self, InventoryInputs, InventorySettings};
use crate::analysis::logistics::{self, LogisticsSettings};
use crate::error::{FileError, FileProblem};
use crate::ingest::load::{load_table, LoadProgress};
use crate::ingest::original::restore_original_values;
use crate::ingest::preview::{preview_text, preview_workbook, sniff, workbook_kind, Preview};
use crate::ingest::quality::QualityReport;
use crate::ingest::source::{ByteSource, MemorySource};
use crate::mapping::requirements::{figure_status, is_usable, FigureStatus};
use crate::mapping::{detect_kind, DatasetKind, Mapping};
use crate::model::listings::{Listings, PriceHistory};
use crate::model::orders::Orders;
use crate::model::planned::{PlannedList, PlannedShipment};
use crate::model::stock::{CapacityTable, InboundTable, StockSnapshot};
use crate::model::{Date, Events, Shipments};
use crate::report::{DatasetSummary, Report};
use serde::{Deserialize, Serialize};

/// Identifies a file (or sheet) the user added, for the whole visit.
pub type DatasetId = u32;

/// What a dataset holds once loaded.
#[derive(Debug, Clone)]
pub enum DatasetData {
    Shipments(Box<Shipments>),
    Events(Box<Events>),
    Planned(PlannedList),
    Orders(Box<Orders>),
    Stock(Box<StockSnapshot>),
    Capacity(Box<CapacityTable>),
    Inbound(Box<InboundTable>),
    Listings(Box<Listings>),
    PriceHistory(Box<PriceHistory>),
}

/// A loaded dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: DatasetId,
    pub file: String,
    pub preview: Preview,
    pub mapping: Mapping,
    pub data: DatasetData,
    pub quality: QualityReport,
    pub is_demo: bool,
}

/// A file waiting for the user to confirm its mapping.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: DatasetId,
    pub file: String,
    pub preview: Preview,
    pub proposal: Mapping,
    /// A workbook's bytes (text files are re-read from the source).
    pub workbook: Option<Vec<u8>>,
}

/// What the mapping screen shows for a pending file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MappingProposal {
    pub dataset: DatasetId,
    pub file: String,
    pub preview: Preview,
    pub mapping: Mapping,
    pub figures: Vec<FigureStatus>,
    pub usable: bool,
}

/// Every setting of every analysis. The exchange rates in `logistics.fx` are the one
/// table every analysis converts money with.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Settings {
    pub logistics: LogisticsSettings,
    pub customs: CustomsSettings,
    #[serde(default)]
    pub inventory: InventorySettings,
    #[serde(default)]
    pub homogeneity: HomogeneitySettings,
}

/// All of a visit's data and settings.
#[derive(Debug, Default)]
pub struct Workspace {
    pub datasets: Vec<Dataset>,
    pub pending: Vec<Pending>,
    pub settings: Settings,
    /// The slow part of the homogeneity analysis (shingles, MinHash, candidate pairs) of each
    /// listings dataset, done once at load so the similarity threshold moves instantly.
    pub prepared: std::collections::BTreeMap<DatasetId, Prepared>,
}

impl Workspace {
    /// Opens a file: sniffs it and proposes a mapping for the user to confirm.
    pub fn open(
        &mut self,
        id: DatasetId,
        file: &str,
        source: &mut dyn ByteSource,
    ) -> Result<MappingProposal, FileError> {
        let err = |problem| FileError { file: file.to_owned(), sheet: None, problem };
        if source.size() == 0 {
            return Err(err(FileProblem::Empty));
        }
        let format = sniff(file, source).map_err(err)?;
        let (preview, workbook) = match workbook_kind(format) {
            None => (preview_text(source).map_err(err)?, None),
            Some(_) => {
                let bytes = source.read_all().map_err(|detail| err(FileProblem::ReadFailed { detail }))?;
                (preview_workbook(format, &bytes, None).map_err(err)?, Some(bytes))
            }
        };
        self.propose(id, file, preview, workbook)
    }

    /// Re-opens a loaded dataset so its mapping can be changed: the proposal carries the
    /// mapping in use, and the loaded data stays until the new mapping is loaded.
    pub fn remap(&mut self, id: DatasetId, source: &mut dyn ByteSource) -> Result<MappingProposal, FileError> {
        let (file, sheet, mapping) = self
            .datasets
            .iter()
            .find(|d| d.id == id)
            .map(|d| (d.file.clone(), d.preview.sheet.clone(), d.mapping.clone()))
            .ok_or_else(|| FileError { file: String::new(), sheet: None, problem: FileProblem::UnknownDataset })?;
        let mut proposal = self.open(id, &file, source)?;
        if let Some(sheet) = sheet.filter(|s| proposal.preview.sheet.as_ref() != Some(s)) {
            proposal = self.choose_sheet(id, &sheet)?;
        }
        if let Some(p) = self.pending.iter_mut().find(|p| p.id == id) {
            p.proposal = mapping.clone();
        }
        proposal.figures = figure_status(&mapping);
        proposal.usable = is_usable(&mapping);
        proposal.mapping = mapping;
        Ok(proposal)
    }

    /// Switches a pending workbook to another sheet.
    pub fn choose_sheet(&mut self, id: DatasetId, sheet: &str) -> Result<MappingProposal, FileError> {
        let pos = self.pending.iter().position(|p| p.id == id).ok_or_else(|| FileError {
            file: String::new(),
            sheet: None,
            problem: FileProblem::UnknownDataset,
        })?;
        let pending = self.pending.remove(pos);
        let bytes = pending.workbook.clone().unwrap_or_default();
        let err = |problem| FileError { file: pending.file.clone(), sheet: Some(sheet.to_owned()), problem };
        match preview_workbook(pending.preview.format, &bytes, Some(sheet)) {
            Ok(preview) => self.propose(id, &pending.file, preview, pending.workbook),
            Err(problem) => {
                self.pending.push(pending.clone());
                Err(err(problem))
            }
        }
    }

    fn propose(
        &mut self,
        id: DatasetId,
        file: &str,
        preview: Preview,
        workbook: Option<Vec<u8>>,
    ) -> Result<MappingProposal, FileError> {
        let mapping = detect_kind(&preview.headers(), &preview.samples);
        let usable = is_usable(&mapping);
        if mapping.fields.iter().all(|f| f.column.is_none()) {
            return Err(FileError {
                file: file.to_owned(),
                sheet: preview.sheet.clone(),
                problem: FileProblem::NoUsableColumns { kind: mapping.kind, headers: preview.headers() },
            });
        }
        let proposal = MappingProposal {
            dataset: id,
            file: file.to_owned(),
            figures: figure_status(&mapping),
            usable,
            preview: preview.clone(),
            mapping: mapping.clone(),
        };
        self.pending.retain(|p| p.id != id);
        self.pending.push(Pending { id, file: file.to_owned(), preview, proposal: mapping, workbook });
        Ok(proposal)
    }

    /// Reads a pending file in full with the mapping the user confirmed.
    pub fn load(
        &mut self,
        id: DatasetId,
        mapping: Mapping,
        source: &mut dyn ByteSource,
        today: Option<Date>,
        progress: &mut dyn FnMut(LoadProgress),
    ) -> Result<DatasetSummary, FileError> {
        let pos = self.pending.iter().position(|p| p.id == id).ok_or_else(|| FileError {
            file: String::new(),
            sheet: None,
            problem: FileProblem::UnknownDataset,
        })?;
        let pending = self.pending[pos].clone();
        let err = |problem| FileError { file: pending.file.clone(), sheet: pending.preview.sheet.clone(), problem };
        if !is_usable(&mapping) {
            let missing = figure_status(&mapping).into_iter().next().map(|s| s.missing).unwrap_or_default();
            return Err(err(FileProblem::MappingNotUsable { missing }));
        }
        let table =
            load_table(&pending.preview, &mapping, source, pending.workbook.as_deref(), progress).map_err(err)?;
        self.pending.remove(pos);
        let workbook = pending.workbook.as_deref();
        let mut dataset = build_dataset(id, &pending.file, pending.preview.clone(), mapping, table, today, false);
        restore_original_values(&pending.preview, &dataset.mapping, source, workbook, &mut dataset.quality.rejections)
            .map_err(err)?;
        let summary = DatasetSummary::of(&dataset);
        self.prepared.remove(&id);
        if let DatasetData::Listings(listings) = &dataset.data {
            let prepared = homogeneity::prepare(listings, &mut |done, total| {
                progress(LoadProgress { rows: done as u64, bytes_done: done as u64, bytes_total: total as u64 })
            });
            self.prepared.insert(id, prepared);
        }
        self.datasets.retain(|d| d.id != id);
        self.datasets.push(dataset);
        Ok(summary)
    }

    /// Loads the built-in demo data (replacing any earlier demo), mapped automatically:
    /// shipments with customs outcomes and the matching tracking events. Uses the ids
    /// `first_id ..first_id + DEMO_IDS`.
    pub fn load_demo(&mut self, first_id: DatasetId, anchor: Date) -> Result<Vec<DatasetSummary>, FileError> {
        let demo_ids: Vec<DatasetId> = self.datasets.iter().filter(|d| d.is_demo).map(|d| d.id).collect();
        for id in demo_ids {
            self.remove(id);
        }
        let planning = crate::demo::sales::planning_anchor(anchor);
        let files = [
            ("demo-shipments.csv", crate::demo::shipments_csv(anchor, DEMO_SHIPMENTS)),
            ("demo-tracking-events.csv", crate::demo::events_csv(anchor, DEMO_SHIPMENTS)),
            ("demo-orders.csv", crate::demo::sales::orders_csv(planning)),
            ("demo-fba-inventory.csv", crate::demo::sales::inventory_csv()),
            ("demo-warehouse-capacity.csv", crate::demo::sales::capacity_csv()),
            ("demo-inbound-pos.csv", crate::demo::sales::inbound_csv(planning)),
            ("demo-listings.csv", crate::demo::listings::listings_csv()),
            ("demo-price-history.csv", crate::demo::listings::price_history_csv(anchor)),
        ];
        let mut summaries = Vec::new();
        for (id, (name, csv)) in (first_id..).zip(files) {
            let proposal = self.open(id, name, &mut MemorySource(csv.as_bytes()))?;
            let summary =
                self.load(id, proposal.mapping, &mut MemorySource(csv.as_bytes()), Some(anchor), &mut |_| {})?;
            if let Some(d) = self.datasets.iter_mut().find(|d| d.id == id) {
                d.is_demo = true;
            }
            summaries.push(DatasetSummary { is_demo: true, ..summary });
        }
        Ok(summaries)
    }

    /// Forgets a dataset (loaded or pending).
    pub fn remove(&mut self, id: DatasetId) {
        self.prepared.remove(&id);
        self.datasets.retain(|d| d.id != id);
        self.pending.retain(|p| p.id != id);
    }

    pub fn shipments(&self) -> Vec<&Shipments> {
        self.datasets
            .iter()
            .filter_map(|d| match &d.data {
                DatasetData::Shipments(s) => Some(s.as_ref()),
                _ => None,
            })
            .collect()
    }

    /// Every planned shipment of every planned list.
    pub fn planned(&self) -> Vec<PlannedShipment> {
        self.datasets
            .iter()
            .filter_map(|d| match &d.data {
                DatasetData::Planned(p) => Some(p.shipments.iter().cloned()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    pub fn events(&self) -> Vec<&Events> {
        self.datasets
            .iter()
            .filter_map(|d| match &d.data {
                DatasetData::Events(e) => Some(e.as_ref()),
                _ => None,
            })
            .collect()
    }

    /// The homogeneity analysis of the largest listings dataset (with the first price history),
    /// at the current settings.
    pub fn homogeneity(&self) -> Option<homogeneity::HomogeneityReport> {
        let (listings, prepared) = self
            .datasets
            .iter()
            .filter_map(|d| match &d.data {
                DatasetData::Listings(l) => self.prepared.get(&d.id).map(|p| (l.as_ref(), p)),
                _ => None,
            })
            .max_by_key(|(l, _)| l.len())?;
        let history = self.datasets.iter().find_map(|d| match &d.data {
            DatasetData::PriceHistory(h) => Some(h.as_ref()),
            _ => None,
        });
        Some(homogeneity::analyse(listings, history, prepared, &self.settings.homogeneity, &self.settings.logistics.fx))
    }

    /// The datasets the inventory analysis reads.
    pub fn inventory_inputs(&self) -> InventoryInputs<'_> {
        let mut inputs = InventoryInputs { shipments: self.shipments(), ..InventoryInputs::default() };
        for d in &self.datasets {
            match &d.data {
                DatasetData::Orders(o) => inputs.orders.push(o),
                DatasetData::Stock(s) => inputs.stock.push(s),
                DatasetData::Capacity(c) => inputs.capacity.push(c),
                DatasetData::Inbound(i) => inputs.inbound.push(i),
                _ => {}
            }
        }
        inputs
    }

    /// Runs every analysis the loaded data allows.
    pub fn analyse(&self) -> Report {
        let shipments = self.shipments();
        let events = self.events();
        let planned = self.planned();
        let fx = &self.settings.logistics.fx;
        let has_customs = !events.is_empty()
            || shipments.iter().any(|s| s.has(crate::mapping::Field::CustomsOutcome))
            || !planned.is_empty();
        Report {
            datasets: self.datasets.iter().map(DatasetSummary::of).collect(),
            logistics: (!shipments.is_empty()).then(|| logistics::analyse(&shipments, &self.settings.logistics)),
            customs: has_customs.then(|| customs::analyse(&shipments, &events, &planned, &self.settings.customs, fx)),
            inventory: inventory::analyse(&self.inventory_inputs(), &self.settings.inventory),
            homogeneity: self.homogeneity(),
            settings: self.settings.clone(),
        }
    }

    /// Assesses planned shipments (the risk calculator) against the loaded history.
    pub fn assess(&self, planned: &[PlannedShipment]) -> Vec<crate::analysis::customs::risk::RiskEstimate> {
        customs::assess(&self.shipments(), &self.events(), planned, &self.settings.customs, &self.settings.logistics.fx)
    }
}

/// How many parcels the demo has.
pub const DEMO_SHIPMENTS: usize = 4000;

/// How many dataset ids the demo takes (the page reserves them).
pub const DEMO_IDS: u32 = 8;

fn build_dataset(
    id: DatasetId,
    file: &str,
    preview: Preview,
    mapping: Mapping,
    table: crate::ingest::table::Table,
    today: Option<Date>,
    is_demo: bool,
) -> Dataset {
    let data;
    let mut quality;
    match mapping.kind {
        DatasetKind::Shipments => {
            let (mut shipments, table) = Shipments::from_table(table, today);
            shipments.convert_weight(mapping.options.weight_unit);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Shipments(Box::new(shipments));
        }
        DatasetKind::TrackingEvents => {
            let (events, table) = Events::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Events(Box::new(events));
        }
        DatasetKind::PlannedShipments => {
            let (list, table) = PlannedList::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Planned(list);
        }
        DatasetKind::Orders => {
            let (orders, table) = Orders::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Orders(Box::new(orders));
        }
        DatasetKind::Inventory => {
            let (stock, table) = StockSnapshot::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Stock(Box::new(stock));
        }
        DatasetKind::Capacity => {
            let (capacity, table) = CapacityTable::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Capacity(Box::new(capacity));
        }
        DatasetKind::Inbound => {
            let (inbound, table) = InboundTable::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Inbound(Box::new(inbound));
        }
        DatasetKind::Listings => {
            let (listings, table) = Listings::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::Listings(Box::new(listings));
        }
        DatasetKind::PriceHistory => {
            let (history, table) = PriceHistory::from_table(table);
            quality = table.quality;
            quality.warnings = table.warnings.into_vec();
            data = DatasetData::PriceHistory(Box::new(history));
        }
    }
    debug_assert_eq!(quality.rows_read, quality.rows_used + quality.rows_rejected);
    Dataset { id, file: file.to_owned(), preview, mapping, data, quality, is_demo }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FileProblem;

    fn anchor() -> Date {
        Date::from_ymd(2025, 11, 20).unwrap()
    }

    #[test]
    fn demo_loads_shipments_and_events_without_rejections() {
        let mut ws = Workspace::default();
        let summaries = ws.load_demo(1, anchor()).unwrap();
        let kinds: Vec<DatasetKind> = summaries.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                DatasetKind::Shipments,
                DatasetKind::TrackingEvents,
                DatasetKind::Orders,
                DatasetKind::Inventory,
                DatasetKind::Capacity,
                DatasetKind::Inbound,
                DatasetKind::Listings,
                DatasetKind::PriceHistory
            ]
        );
        for s in &summaries {
            assert_eq!(s.rows_rejected, 0, "{}: {:?}", s.file, s.rejections.first());
            assert!(s.is_demo);
        }
        assert_eq!(summaries[0].rows_read as usize, DEMO_SHIPMENTS);
        let report = ws.analyse();
        assert_eq!(report.datasets.len(), kinds.len());
        assert_eq!(report.logistics.unwrap().overall.shipments as usize, DEMO_SHIPMENTS);
        // The demo plans a peak: ship-by dates ahead, and following the plan overfills a warehouse.
        let inventory = report.inventory.expect("the demo has orders");
        assert!(inventory.peak_date > inventory.as_of);
        assert!(inventory.skus.iter().all(|s| s.ship_by.is_some_and(|d| d > inventory.as_of)));
        assert!(inventory.warehouses.iter().any(|w| w.over_capacity_weeks > 0));
        assert!(inventory.backtest.is_some_and(|b| b.model_beats_baseline));
        let homogeneity = report.homogeneity.expect("the demo has listings");
        assert!(homogeneity.price_war_clusters >= 1, "the demo has a price war");
        // Loading the demo again replaces it.
        ws.load_demo(1, anchor()).unwrap();
        assert_eq!(ws.datasets.len(), kinds.len());
    }

    #[test]
    fn a_file_goes_through_proposal_then_load() {
        let csv = "运单号,发货日期,妥投时间,目的国\nLP1,2024-03-01,2024-03-20,巴西\nLP2,2024-03-02,,俄罗斯\n";
        let mut ws = Workspace::default();
        let proposal = ws.open(7, "运单.csv", &mut MemorySource(csv.as_bytes())).unwrap();
        assert!(proposal.usable);
        assert_eq!(ws.pending.len(), 1);
        let summary = ws.load(7, proposal.mapping, &mut MemorySource(csv.as_bytes()), None, &mut |_| {}).unwrap();
        assert_eq!((summary.rows_read, summary.rows_used), (2, 2));
        assert!(ws.pending.is_empty());
        let remap = ws.remap(7, &mut MemorySource(csv.as_bytes())).unwrap();
        assert_eq!(remap.mapping, ws.datasets[0].mapping);
    }

    #[test]
    fn late_rejections_show_the_cell_as_written() {
        let csv = "Ship Date,Delivered Date\n2-Jun-06,3-Jun-06\n9-Jun-06,3-Jun-06\n";
        let mut ws = Workspace::default();
        let proposal = ws.open(1, "a.csv", &mut MemorySource(csv.as_bytes())).unwrap();
        let summary = ws.load(1, proposal.mapping, &mut MemorySource(csv.as_bytes()), None, &mut |_| {}).unwrap();
        assert_eq!(summary.rows_rejected, 1);
        assert_eq!(summary.rejections[0].row, 3);
        assert_eq!(summary.rejections[0].value, "3-Jun-06");
    }

    #[test]
    fn unusable_files_are_reported_not_loaded() {
        let mut ws = Workspace::default();
        let empty = ws.open(1, "empty.csv", &mut MemorySource(b"")).unwrap_err();
        assert_eq!(empty.problem, FileProblem::Empty);
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
        let binary = ws.open(2, "photo.csv", &mut MemorySource(png)).unwrap_err();
        assert!(matches!(binary.problem, FileProblem::NotATable { .. }));
        let recipes = "Recipe,Ingredients,Minutes\nSoup,\"water, salt\",20\nTea,leaves,5\n";
        let proposal = ws.open(3, "recipes.csv", &mut MemorySource(recipes.as_bytes()));
        match proposal {
            Err(e) => assert!(matches!(e.problem, FileProblem::NoUsableColumns { .. })),
            Ok(p) => assert!(!p.usable, "a recipe list is not shipments: {:?}", p.mapping),
        }
    }
}
