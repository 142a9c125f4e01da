//! The app's shared state: signals the screens read, and the actions that talk to the
//! worker. Provided once as context by `App`.

use crate::download::save_bytes;
use crate::i18n::Lang;
use crate::worker_client::WorkerHandle;
use crate::workspace::{self, KeptFile, Restored, Snapshot};
use borderlens_core::analysis::customs::risk::RiskEstimate;
use borderlens_core::error::FileError;
use borderlens_core::ingest::load::LoadProgress;
use borderlens_core::job::{Request, Response};
use borderlens_core::mapping::requirements::{figure_status, is_usable};
use borderlens_core::mapping::Mapping;
use borderlens_core::model::planned::PlannedShipment;
use borderlens_core::model::Date;
use borderlens_core::report::export::ExportKind;
use borderlens_core::report::Report;
use borderlens_core::session::{DatasetId, MappingProposal, Settings};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
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

/// What the app must resend to a fresh worker after a cancel (and what a kept workspace
/// holds).
#[derive(Default)]
struct Replay {
    files: BTreeMap<DatasetId, (File, String)>,
    confirmed: BTreeMap<DatasetId, Mapping>,
    /// The sheet the user chose, for workbooks.
    sheets: BTreeMap<DatasetId, String>,
    demo: Option<Date>,
}

/// A file's layout (see [`workspace::layout_key`]) and whether its mapping screen shows the
/// mapping the user chose before for that layout.
#[derive(Clone, Debug, PartialEq)]
struct Layout {
    key: String,
    remembered: bool,
}

/// A short message about the kept workspace, in the status bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WorkspaceNote {
    /// The workspace kept in this browser was restored.
    Restored { files: usize, demo: bool },
    /// The user turned keeping on.
    Keeping,
    /// The user turned keeping off: what was kept is deleted.
    Forgotten,
    /// Everything was erased.
    Erased,
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
    /// Whether the user asked to keep the workspace in this browser (off by default).
    pub workspace_on: RwSignal<bool>,
    pub workspace_note: RwSignal<Option<WorkspaceNote>>,
    layouts: StoredValue<BTreeMap<DatasetId, Layout>>,
    /// Loaded datasets re-opened to change their mapping, whose proposal has not come yet.
    remapping: StoredValue<BTreeSet<DatasetId>>,
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
            workspace_on: RwSignal::new(false),
            workspace_note: RwSignal::new(None),
            layouts: StoredValue::new(BTreeMap::new()),
            remapping: StoredValue::new(BTreeSet::new()),
            ready: RwSignal::new(false),
            next_id: StoredValue::new(1),
            queue: StoredValue::new_local(Vec::new()),
            worker: StoredValue::new_local(None),
            replay: StoredValue::new_local(Replay::default()),
        };
        state.start_worker();
        // A workspace the user asked to keep comes back.
        leptos::task::spawn_local(async move {
            if let Some(restored) = workspace::load().await {
                state.restore(restored);
            }
        });
        // Language and settings are kept as they change (while keeping is on).
        Effect::new(move |_| {
            state.lang.track();
            state.settings.track();
            state.persist();
        });
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
        self.persist();
    }

    pub fn load_demo(self) {
        let id = self.new_id();
        // The demo has several files: keep their ids out of the way of the user's.
        self.next_id.update_value(|n| *n += borderlens_core::session::DEMO_IDS);
        let today = today();
        self.replay.update_value(|r| r.demo = Some(today));
        self.send(Request::LoadDemo { first_dataset: id, today }, None);
        self.persist();
    }

    pub fn choose_sheet(self, dataset: DatasetId, sheet: String) {
        self.replay.update_value(|r| {
            r.sheets.insert(dataset, sheet.clone());
        });
        self.send(Request::ChooseSheet { dataset, sheet }, None);
        self.persist();
    }

    /// Reads a file in full with the mapping the user confirmed.
    pub fn confirm_mapping(self, dataset: DatasetId, mapping: Mapping) {
        let shown =
            self.proposals.with_untracked(|p| p.iter().find(|x| x.dataset == dataset).map(|x| x.mapping.clone()));
        if shown.is_some_and(|shown| workspace::differs(&shown, &mapping)) {
            self.remember_layout(dataset, &mapping);
        }
        self.proposals.update(|p| p.retain(|x| x.dataset != dataset));
        self.replay.update_value(|r| {
            r.confirmed.insert(dataset, mapping.clone());
        });
        self.send(Request::Load { dataset, mapping, today: Some(today()) }, None);
        self.persist();
    }

    /// Opens a loaded dataset's mapping for editing (the data stays until it is re-read).
    pub fn edit_mapping(self, dataset: DatasetId) {
        self.replay.update_value(|r| {
            r.confirmed.remove(&dataset);
        });
        self.remapping.update_value(|s| {
            s.insert(dataset);
        });
        self.send(Request::Remap { dataset }, None);
    }

    /// Reads a loaded dataset again with a changed mapping (e.g. a country assigned by hand).
    pub fn reload(self, dataset: DatasetId, mapping: Mapping) {
        let loaded = self.loaded_mapping(dataset);
        if loaded.is_some_and(|loaded| workspace::differs(&loaded, &mapping)) {
            self.remember_layout(dataset, &mapping);
        }
        self.replay.update_value(|r| {
            r.confirmed.insert(dataset, mapping.clone());
        });
        self.send(Request::Remap { dataset }, None);
        self.send(Request::Load { dataset, mapping, today: Some(today()) }, None);
        self.persist();
    }

    /// The mapping a loaded dataset was read with.
    fn loaded_mapping(self, dataset: DatasetId) -> Option<Mapping> {
        self.report.with_untracked(|r| {
            r.as_ref().and_then(|r| r.datasets.iter().find(|d| d.id == dataset).map(|d| d.mapping.clone()))
        })
    }

    /// Remembers, while the workspace is kept, the mapping the user chose for a file's layout.
    fn remember_layout(self, dataset: DatasetId, mapping: &Mapping) {
        if !self.workspace_on.get_untracked() {
            return;
        }
        if let Some(layout) = self.layouts.with_value(|l| l.get(&dataset).cloned()) {
            workspace::remember(&layout.key, mapping);
        }
    }

    /// Whether a file's mapping screen shows the mapping the user chose before for its layout.
    pub fn uses_remembered_mapping(self, dataset: DatasetId) -> bool {
        self.layouts.with_value(|l| l.get(&dataset).is_some_and(|l| l.remembered))
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
            Some(mapping) => {
                self.replay.update_value(|r| {
                    r.confirmed.insert(dataset, mapping);
                });
                self.persist();
            }
            None => self.remove(dataset),
        }
    }

    pub fn remove(self, dataset: DatasetId) {
        self.replay.update_value(|r| {
            r.files.remove(&dataset);
            r.confirmed.remove(&dataset);
            r.sheets.remove(&dataset);
        });
        self.layouts.update_value(|l| {
            l.remove(&dataset);
        });
        let is_demo = self
            .report
            .with_untracked(|r| r.as_ref().is_some_and(|r| r.datasets.iter().any(|d| d.id == dataset && d.is_demo)));
        if is_demo {
            self.replay.update_value(|r| r.demo = None);
        }
        self.send(Request::Remove { dataset }, None);
        self.persist();
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

    /// Ends the worker and forgets every request sent to it or waiting for it.
    fn stop_worker(self) {
        self.worker.with_value(|w| {
            if let Some(w) = w {
                w.terminate();
            }
        });
        self.worker.set_value(None);
        self.queue.set_value(Vec::new());
        self.outstanding.set(0);
        self.inflight.set_value(VecDeque::new());
    }

    /// Stops the running work: ends the worker, starts a fresh one and gives it back the
    /// data that was loaded before (the file being read is dropped).
    pub fn cancel(self) {
        self.stop_worker();
        self.refresh_activity();
        let loaded: Vec<DatasetId> = self
            .report
            .with_untracked(|r| r.as_ref().map(|r| r.datasets.iter().map(|d| d.id).collect()).unwrap_or_default());
        let waiting: Vec<DatasetId> = self.proposals.with_untracked(|p| p.iter().map(|p| p.dataset).collect());
        self.start_worker();
        let (files, confirmed, sheets, demo) =
            self.replay.with_value(|r| (r.files.clone(), r.confirmed.clone(), r.sheets.clone(), r.demo));
        let mut kept_files = BTreeMap::new();
        for (id, (file, name)) in files {
            let mapping = confirmed.get(&id).filter(|_| loaded.contains(&id));
            if mapping.is_none() && !waiting.contains(&id) {
                continue;
            }
            self.send(Request::OpenFile { dataset: id, name: name.clone() }, Some(file.clone()));
            if let Some(sheet) = sheets.get(&id) {
                self.send(Request::ChooseSheet { dataset: id, sheet: sheet.clone() }, None);
            }
            if let Some(m) = mapping {
                self.send(Request::Load { dataset: id, mapping: m.clone(), today: Some(today()) }, None);
            }
            kept_files.insert(id, (file, name));
        }
        self.replay.update_value(|r| {
            r.confirmed.retain(|id, _| loaded.contains(id));
            r.sheets.retain(|id, _| kept_files.contains_key(id));
            r.files = kept_files;
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
        self.persist();
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
                r.sheets.remove(&id);
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

    /// A file's mapping proposal: shown for the user to check, with the mapping the user
    /// chose before for the same layout if the workspace is kept.
    fn proposed(self, mut proposal: MappingProposal) {
        let id = proposal.dataset;
        let remap = self.remapping.try_update_value(|s| s.remove(&id)).unwrap_or(false);
        // After a cancel or a restore, a re-opened file whose mapping was confirmed is loaded at once.
        let confirmed = self.replay.with_value(|r| r.confirmed.contains_key(&id));
        let key = workspace::layout_key(&proposal);
        self.layouts.update_value(|l| {
            if remap || confirmed {
                // The proposal carries the mapping in use: the layout stays the first one's.
                l.entry(id).or_insert(Layout { key: key.clone(), remembered: false });
            } else {
                l.insert(id, Layout { key: key.clone(), remembered: false });
            }
        });
        if confirmed {
            return;
        }
        if remap || !self.workspace_on.get_untracked() {
            self.show_proposal(proposal);
            return;
        }
        // Busy until the remembered mapping is looked up, so results do not look final meanwhile.
        self.outstanding.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            if let Some(mapping) = workspace::remembered(&key, proposal.preview.columns.len()).await {
                proposal.figures = figure_status(&mapping);
                proposal.usable = is_usable(&mapping);
                proposal.mapping = mapping;
                self.layouts.update_value(|l| {
                    if let Some(l) = l.get_mut(&id) {
                        l.remembered = true;
                    }
                });
            }
            self.outstanding.update(|n| *n = n.saturating_sub(1));
            // Unless the file was dropped meanwhile.
            if self.has_file(id) {
                self.show_proposal(proposal);
            }
        });
    }

    fn show_proposal(self, proposal: MappingProposal) {
        self.proposals.update(|p| {
            p.retain(|x| x.dataset != proposal.dataset);
            p.push(proposal);
        });
    }

    /// Saves the workspace, if the user asked to keep it: settings, language, the demo, and
    /// each file with its sheet and confirmed mapping (or the one it was loaded with, while
    /// its mapping is being edited).
    fn persist(self) {
        if !self.workspace_on.get_untracked() {
            return;
        }
        let (files, kept) = self.replay.with_value(|r| {
            let files: Vec<(DatasetId, String, File)> =
                r.files.iter().map(|(id, (file, name))| (*id, name.clone(), file.clone())).collect();
            let kept: Vec<KeptFile> = r
                .files
                .iter()
                .map(|(id, (_, name))| KeptFile {
                    id: *id,
                    name: name.clone(),
                    sheet: r.sheets.get(id).cloned(),
                    mapping: r.confirmed.get(id).cloned(),
                })
                .collect();
            (files, kept)
        });
        let kept = kept
            .into_iter()
            .map(|mut k| {
                if k.mapping.is_none() {
                    k.mapping = self.loaded_mapping(k.id);
                }
                k
            })
            .collect();
        let snapshot = Snapshot {
            lang: self.lang.get_untracked().code().to_owned(),
            settings: self.settings.get_untracked(),
            files: kept,
            demo: self.replay.with_value(|r| r.demo),
        };
        workspace::save(&snapshot, &files);
    }

    /// Turns keeping the workspace in this browser on (saves everything now and on every
    /// change) or off (deletes what was kept).
    pub fn set_workspace(self, on: bool) {
        if on == self.workspace_on.get_untracked() {
            return;
        }
        self.workspace_on.set(on);
        if on {
            self.persist();
            self.workspace_note.set(Some(WorkspaceNote::Keeping));
        } else {
            workspace::forget();
            self.layouts.update_value(|l| l.values_mut().for_each(|l| l.remembered = false));
            self.workspace_note.set(Some(WorkspaceNote::Forgotten));
        }
    }

    /// Brings back a kept workspace: language, settings, each file read again with its
    /// mapping (as after a cancel), and the demo.
    fn restore(self, restored: Restored) {
        let Restored { snapshot, files } = restored;
        self.workspace_on.set(true);
        self.lang.set(Lang::from_code(&snapshot.lang));
        self.settings.set(snapshot.settings.clone());
        let kept: Vec<(KeptFile, File)> = snapshot
            .files
            .into_iter()
            .filter_map(|k| files.iter().find(|(id, _)| *id == k.id).map(|(_, f)| (k, f.clone())))
            .collect();
        if !kept.is_empty() || snapshot.demo.is_some() {
            // First, so every result computed from here on uses the kept settings.
            self.send(Request::Analyse { settings: Box::new(snapshot.settings) }, None);
        }
        // The kept ids, unless the user added something before the restore finished.
        let keep_ids = self.next_id.get_value() == 1;
        let n = kept.len();
        for (k, file) in kept {
            let id = if keep_ids { k.id } else { self.new_id() };
            if keep_ids && id >= self.next_id.get_value() {
                self.next_id.set_value(id + 1);
            }
            self.replay.update_value(|r| {
                r.files.insert(id, (file.clone(), k.name.clone()));
                if let Some(m) = &k.mapping {
                    r.confirmed.insert(id, m.clone());
                }
                if let Some(s) = &k.sheet {
                    r.sheets.insert(id, s.clone());
                }
            });
            self.send(Request::OpenFile { dataset: id, name: k.name }, Some(file));
            if let Some(sheet) = k.sheet {
                self.send(Request::ChooseSheet { dataset: id, sheet }, None);
            }
            if let Some(mapping) = k.mapping {
                self.send(Request::Load { dataset: id, mapping, today: Some(today()) }, None);
            }
        }
        if let Some(today) = snapshot.demo {
            let first_dataset = self.new_id();
            self.next_id.update_value(|n| *n += borderlens_core::session::DEMO_IDS);
            self.replay.update_value(|r| r.demo = Some(today));
            self.send(Request::LoadDemo { first_dataset, today }, None);
        }
        self.workspace_note.set(Some(WorkspaceNote::Restored { files: n, demo: snapshot.demo.is_some() }));
        // Files that could not be read back are no longer kept.
        self.persist();
    }

    /// Erases everything: the data and settings kept in this browser (not the app's own
    /// cached files, so it still works offline), the datasets loaded now, and the settings
    /// and language chosen. The app starts afresh.
    pub fn erase_all(self) {
        self.workspace_on.set(false);
        self.stop_worker();
        self.replay.set_value(Replay::default());
        self.layouts.set_value(BTreeMap::new());
        self.remapping.set_value(BTreeSet::new());
        self.proposals.set(Vec::new());
        self.report.set(None);
        self.errors.set(Vec::new());
        self.assessment.set(None);
        self.settings.set(Settings::default());
        self.lang.set(initial_lang());
        self.page.set(Page::Data);
        self.workspace_note.set(None);
        self.refresh_activity();
        self.start_worker();
        leptos::task::spawn_local(async move {
            workspace::erase_all().await;
            self.workspace_note.set(Some(WorkspaceNote::Erased));
        });
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
            Response::Proposal { proposal } => self.proposed(proposal),
            Response::Failed { dataset, error } => {
                let key = self.new_id();
                if let Some(id) = dataset {
                    self.proposals.update(|p| p.retain(|x| x.dataset != id));
                    self.replay.update_value(|r| {
                        r.files.remove(&id);
                        r.confirmed.remove(&id);
                        r.sheets.remove(&id);
                    });
                    self.persist();
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
