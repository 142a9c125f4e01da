//! The app's shared state: signals the screens read, and the actions that talk to the
//! worker. Provided once as context by `App`.

use crate::download::save_bytes;
use crate::i18n::Lang;
use crate::worker_client::WorkerHandle;
use borderlens_core::analysis::customs::risk::RiskEstimate;
use borderlens_core::error::FileError;
use borderlens_core::ingest::load::LoadProgress;
use borderlens_core::job::{Request, Response};
use borderlens_core::mapping::Mapping;
use borderlens_core::model::planned::PlannedShipment;
use borderlens_core::model::Date;
use borderlens_core::report::export::ExportKind;
use borderlens_core::report::Report;
use borderlens_core::session::{DatasetId, MappingProposal, Settings};
use leptos::prelude::*;
use std::collections::{BTreeMap, VecDeque};
use wasm_bindgen::JsValue;
use web_sys::File;

/// The screens of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Data,
    Logistics,
    Customs,
    Inventory,
    Overview,
    Report,
    Products,
}

/// A file problem shown to the user.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownError {
    pub key: u32,
    pub dataset: Option<DatasetId>,
    pub error: FileError,
}

/// What the worker is doing, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    /// The dataset being read, if the work concerns one file.
    pub dataset: Option<DatasetId>,
    pub file: Option<String>,
    pub progress: Option<LoadProgress>,
}

/// What the app must resend to a fresh worker after a cancel.
#[derive(Default)]
struct Replay {
    files: BTreeMap<DatasetId, (File, String)>,
    confirmed: BTreeMap<DatasetId, Mapping>,
    demo: Option<Date>,
}

/// Shared state; cheap to copy (all fields are handles).
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub page: RwSignal<Page>,
    pub proposals: RwSignal<Vec<MappingProposal>>,
    pub report: RwSignal<Option<Report>>,
    pub errors: RwSignal<Vec<ShownError>>,
    /// Requests sent and not yet answered.
    pub outstanding: RwSignal<u32>,
    /// The file each unanswered request concerns, oldest first: the worker answers in order,
    /// so the front is what it is working on now.
    inflight: StoredValue<VecDeque<(Option<DatasetId>, Option<String>)>>,
    pub activity: RwSignal<Activity>,
    pub settings: RwSignal<Settings>,
    /// The risk calculator's last answer.
    pub assessment: RwSignal<Option<Vec<RiskEstimate>>>,
    ready: RwSignal<bool>,
    next_id: StoredValue<u32>,
    queue: StoredValue<Vec<(Request, Option<File>)>, LocalStorage>,
    worker: StoredValue<Option<WorkerHandle>, LocalStorage>,
    replay: StoredValue<Replay, LocalStorage>,
}

/// Today's local date, from the browser's clock.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or(Date(0))
}

impl AppState {
    pub fn new() -> AppState {
        let state = AppState {
            lang: RwSignal::new(initial_lang()),
            page: RwSignal::new(Page::Data),
            proposals: RwSignal::new(Vec::new()),
            report: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            outstanding: RwSignal::new(0),
            inflight: StoredValue::new(VecDeque::new()),
            activity: RwSignal::new(Activity { dataset: None, file: None, progress: None }),
            settings: RwSignal::new(Settings::default()),
            assessment: RwSignal::new(None),
            ready: RwSignal::new(false),
            next_id: StoredValue::new(1),
            queue: StoredValue::new_local(Vec::new()),
            worker: StoredValue::new_local(None),
            replay: StoredValue::new_local(Replay::default()),
        };
        state.start_worker();
        state
    }

    fn start_worker(self) {
        self.ready.set(false);
        match WorkerHandle::spawn(
            move |response, extra| self.receive(response, extra),
            move |message| self.crashed(message),
        ) {
            Ok(handle) => self.worker.set_value(Some(handle)),
            Err(e) => web_sys::console::error_2(&JsValue::from_str("borderlens: the worker did not start"), &e),
        }
    }

    /// Whether the worker is busy with something the user asked for.
    pub fn is_busy(&self) -> bool {
        self.outstanding.get() > 0
    }

    /// Whether every analysis of the loaded data has finished and nothing waits for the user.
    pub fn is_results_ready(&self) -> bool {
        !self.is_busy()
            && self.proposals.with(Vec::is_empty)
            && self.report.with(|r| r.as_ref().is_some_and(|r| !r.datasets.is_empty()))
    }

    fn send(self, request: Request, file: Option<File>) {
        let about = match &request {
            Request::OpenFile { dataset, name } => (Some(*dataset), Some(name.clone())),
            Request::ChooseSheet { dataset, .. } | Request::Load { dataset, .. } | Request::Remap { dataset } => {
                (Some(*dataset), self.file_name(*dataset))
            }
            Request::LoadDemo { .. } => (None, Some("demo".to_owned())),
            _ => (None, None),
        };
        self.inflight.update_value(|q| q.push_back(about));
        self.outstanding.update(|n| *n += 1);
        self.refresh_activity();
        if self.ready.get_untracked() {
            self.worker.with_value(|w| {
                if let Some(w) = w {
                    w.send(&request, file.as_ref());
                }
            });
        } else {
            self.queue.update_value(|q| q.push((request, file)));
        }
    }

    fn file_name(self, dataset: DatasetId) -> Option<String> {
        self.replay.with_value(|r| r.files.get(&dataset).map(|(_, name)| name.clone()))
    }

    /// Shows what the worker works on now (the oldest unanswered request).
    fn refresh_activity(self) {
        let (dataset, file) = self.inflight.with_value(|q| q.front().cloned()).unwrap_or((None, None));
        let keep_progress = self.activity.with_untracked(|a| a.dataset == dataset && dataset.is_some());
        let progress = if keep_progress { self.activity.with_untracked(|a| a.progress) } else { None };
        self.activity.set(Activity { dataset, file, progress });
    }

    fn new_id(self) -> DatasetId {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// Opens files the user picked or dropped.
    pub fn open_files(self, files: Vec<File>) {
        for file in files {
            let id = self.new_id();
            let name = file.name();
            self.errors.update(|e| e.retain(|x| x.error.file != name));
            self.replay.update_value(|r| {
                r.files.insert(id, (file.clone(), name.clone()));
            });
            self.send(Request::OpenFile { dataset: id, name }, Some(file));
        }
    }

    pub fn load_demo(self) {
        let id = self.new_id();
        // The demo has several files: keep their ids out of the way of the user's.
        self.next_id.update_value(|n| *n += borderlens_core::session::DEMO_IDS);
        let today = today();
        self.replay.update_value(|r| r.demo = Some(today));
        self.send(Request::LoadDemo { first_dataset: id, today }, None);
    }

    pub fn choose_sheet(self, dataset: DatasetId, sheet: String) {
        self.send(Request::ChooseSheet { dataset, sheet }, None);
    }

    /// Reads a file in full with the mapping the user confirmed.
    pub fn confirm_mapping(self, dataset: DatasetId, mapping: Mapping) {
        self.proposals.update(|p| p.retain(|x| x.dataset != dataset));
        self.replay.update_value(|r| {
            r.confirmed.insert(dataset, mapping.clone());
        });
        self.send(Request::Load { dataset, mapping, today: Some(today()) }, None);
    }

    /// Opens a loaded dataset's mapping for editing (the data stays until it is re-read).
    pub fn edit_mapping(self, dataset: DatasetId) {
        self.replay.update_value(|r| {
            r.confirmed.remove(&dataset);
        });
        self.send(Request::Remap { dataset }, None);
    }

    /// Reads a loaded dataset again with a changed mapping (e.g. a country assigned by hand).
    pub fn reload(self, dataset: DatasetId, mapping: Mapping) {
        self.replay.update_value(|r| {
            r.confirmed.insert(dataset, mapping.clone());
        });
        self.send(Request::Remap { dataset }, None);
        self.send(Request::Load { dataset, mapping, today: Some(today()) }, None);
    }

    /// Whether a dataset came from a file the user added (so it can be re-read).
    pub fn has_file(self, dataset: DatasetId) -> bool {
        self.replay.with_value(|r| r.files.contains_key(&dataset))
    }

    /// Drops a pending file without reading it. A loaded dataset whose mapping was being
    /// edited keeps its data and mapping.
    pub fn discard(self, dataset: DatasetId) {
        self.proposals.update(|p| p.retain(|x| x.dataset != dataset));
        let loaded = self.report.with_untracked(|r| {
            r.as_ref().and_then(|r| r.datasets.iter().find(|d| d.id == dataset).map(|d| d.mapping.clone()))
        });
        match loaded {
            Some(mapping) => self.replay.update_value(|r| {
                r.confirmed.insert(dataset, mapping);
            }),
            None => self.remove(dataset),
        }
    }

    pub fn remove(self, dataset: DatasetId) {
        self.replay.update_value(|r| {
            r.files.remove(&dataset);
            r.confirmed.remove(&dataset);
        });
        let is_demo = self
            .report
            .with_untracked(|r| r.as_ref().is_some_and(|r| r.datasets.iter().any(|d| d.id == dataset && d.is_demo)));
        if is_demo {
            self.replay.update_value(|r| r.demo = None);
        }
        self.send(Request::Remove { dataset }, None);
    }

    /// Applies new settings and analyses again.
    pub fn apply_settings(self, settings: Settings) {
        self.settings.set(settings.clone());
        if self.report.with_untracked(Option::is_some) {
            self.send(Request::Analyse { settings: Box::new(settings) }, None);
        }
    }

    /// Asks the worker for the customs risk of planned shipments.
    pub fn assess(self, planned: Vec<PlannedShipment>) {
        self.assessment.set(None);
        self.send(Request::Assess { planned }, None);
    }

    /// Builds a file to download, in the UI's language.
    pub fn export(self, kind: ExportKind) {
        self.export_in(kind, self.lang.get_untracked());
    }

    /// Builds a file to download in a given language (templates come in both).
    pub fn export_in(self, kind: ExportKind, lang: Lang) {
        self.send(Request::Export { kind, lang }, None);
    }

    /// Stops the running work: ends the worker, starts a fresh one and gives it back the
    /// data that was loaded before (the file being read is dropped).
    pub fn cancel(self) {
        self.worker.with_value(|w| {
            if let Some(w) = w {
                w.terminate();
            }
        });
        self.worker.set_value(None);
        self.queue.set_value(Vec::new());
        self.outstanding.set(0);
        self.inflight.set_value(VecDeque::new());
        self.refresh_activity();
        let loaded: Vec<DatasetId> = self
            .report
            .with_untracked(|r| r.as_ref().map(|r| r.datasets.iter().map(|d| d.id).collect()).unwrap_or_default());
        let waiting: Vec<DatasetId> = self.proposals.with_untracked(|p| p.iter().map(|p| p.dataset).collect());
        self.start_worker();
        let (files, confirmed, demo) = self.replay.with_value(|r| (r.files.clone(), r.confirmed.clone(), r.demo));
        let mut kept_files = BTreeMap::new();
        for (id, (file, name)) in files {
            let mapping = confirmed.get(&id).filter(|_| loaded.contains(&id));
            if mapping.is_none() && !waiting.contains(&id) {
                continue;
            }
            self.send(Request::OpenFile { dataset: id, name: name.clone() }, Some(file.clone()));
            if let Some(m) = mapping {
                self.send(Request::Load { dataset: id, mapping: m.clone(), today: Some(today()) }, None);
            }
            kept_files.insert(id, (file, name));
        }
        self.replay.update_value(|r| {
            r.files = kept_files;
            r.confirmed.retain(|id, _| loaded.contains(id));
        });
        if let Some(today) = demo.filter(|_| {
            self.report.with_untracked(|r| r.as_ref().is_some_and(|r| r.datasets.iter().any(|d| d.is_demo)))
        }) {
            let first_dataset = self.new_id();
            self.next_id.update_value(|n| *n += borderlens_core::session::DEMO_IDS);
            self.send(Request::LoadDemo { first_dataset, today }, None);
        }
        let settings = self.settings.get_untracked();
        if !loaded.is_empty() {
            self.send(Request::Analyse { settings: Box::new(settings) }, None);
        }
    }

    /// The worker died (a reader aborted on damaged data): report the file it was reading,
    /// then start afresh with everything else, as a cancel does.
    fn crashed(self, message: String) {
        web_sys::console::error_1(&JsValue::from_str(&format!("borderlens: the worker stopped: {message}")));
        let activity = self.activity.get_untracked();
        if let Some(id) = activity.dataset {
            let file = activity.file.clone().unwrap_or_default();
            self.replay.update_value(|r| {
                r.files.remove(&id);
                r.confirmed.remove(&id);
            });
            self.proposals.update(|p| p.retain(|x| x.dataset != id));
            let key = self.new_id();
            let error = FileError {
                file,
                sheet: None,
                problem: borderlens_core::error::FileProblem::UnreadableWorkbook { detail: message },
            };
            self.errors.update(|e| e.push(ShownError { key, dataset: Some(id), error }));
        }
        self.cancel();
    }

    fn receive(self, response: Response, extra: JsValue) {
        let terminal = !matches!(response, Response::Ready | Response::Progress { .. } | Response::Loaded { .. });
        match response {
            Response::Ready => {
                self.ready.set(true);
                let queued = self.queue.try_update_value(std::mem::take).unwrap_or_default();
                self.worker.with_value(|w| {
                    if let Some(w) = w {
                        for (request, file) in &queued {
                            w.send(request, file.as_ref());
                        }
                    }
                });
            }
            Response::Progress { progress, .. } => self.activity.update(|a| a.progress = Some(progress)),
            Response::Proposal { proposal } => {
                // After a cancel, a re-opened file whose mapping was confirmed is loaded at once.
                let confirmed = self.replay.with_value(|r| r.confirmed.contains_key(&proposal.dataset));
                if !confirmed {
                    self.proposals.update(|p| {
                        p.retain(|x| x.dataset != proposal.dataset);
                        p.push(proposal);
                    });
                }
            }
            Response::Failed { dataset, error } => {
                let key = self.new_id();
                if let Some(id) = dataset {
                    self.proposals.update(|p| p.retain(|x| x.dataset != id));
                    self.replay.update_value(|r| {
                        r.files.remove(&id);
                        r.confirmed.remove(&id);
                    });
                }
                self.errors.update(|e| e.push(ShownError { key, dataset, error }));
            }
            Response::Loaded { .. } => {}
            Response::Results { report } => {
                let has_logistics = report.logistics.is_some();
                self.report.set(Some(*report));
                if has_logistics
                    && self.page.get_untracked() == Page::Data
                    && self.proposals.with_untracked(Vec::is_empty)
                {
                    self.page.set(Page::Logistics);
                }
            }
            Response::Exported { name, mime } => {
                if let Some(buffer) = extra.dyn_ref::<js_sys::ArrayBuffer>() {
                    save_bytes(&name, &mime, &js_sys::Uint8Array::new(buffer));
                }
            }
            Response::Assessed { estimates } => self.assessment.set(Some(estimates)),
            Response::Idle => {}
        }
        if terminal {
            self.outstanding.update(|n| *n = n.saturating_sub(1));
            self.inflight.update_value(|q| {
                q.pop_front();
            });
            self.refresh_activity();
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// The language the browser prefers (Chinese if it asks for any Chinese).
fn initial_lang() -> Lang {
    let lang = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    Lang::from_code(&lang)
}

use wasm_bindgen::JsCast;
