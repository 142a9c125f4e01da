//! Customs vocabulary: forwarders' and trackers' free text in Chinese, English, Portuguese, Russian and Spanish read into typed outcomes, checkpoints, tracking events and requested documents.
//!
//! Every reader works the same way. The text is folded (lowercase, full-width to half-width,
//! Latin accents and `ё` dropped, the Traditional characters of customs wording made
//! Simplified, punctuation and spaces collapsed to one space), then matched against a phrase
//! list built once. Each phrase claims the words it covers, longer phrases first, so
//! `清关中` is not read as `清关`, `duty free` not as `duty` and `Fiscalização aduaneira
//! finalizada` not as `Fiscalização aduaneira`. Latin and Cyrillic phrases match whole words;
//! a `*` after a word lets it go on (`конфиск*` reads `конфискован` and `конфискация`).
//! Chinese and Korean phrases match anywhere. A phrase right after a negation (`not`, `não`,
//! `no`, `sin`, `не`, `未`, `不予`, also `awaiting`/`aguardando`/`待`) does not count as said:
//! `未放行` is not a release. Among the phrases that count, the kind ranked first wins.
//!
//! Callers classify each distinct value once and cache it; what matches nothing comes back as
//! `None` / [`EventKind::Other`] / [`DocumentKind::Other`] so that the UI can list it for the user
//! to assign.

use crate::model::country::normalize_country;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

/// How a parcel's passage through customs ended, as forwarders record it.
///
/// The request variants name what customs asked for: a cell that says documents (or a payment)
/// were requested reads as [`ReleasedAfterDocuments`](CustomsOutcome::ReleasedAfterDocuments)
/// (or [`ReleasedAfterPayment`](CustomsOutcome::ReleasedAfterPayment)) even when it does not
/// say the parcel was then released, because an outcome column records the kind of detention;
/// whether a parcel is still held is read from its tracking events.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum CustomsOutcome {
    /// Released without a request (`放行`, `cleared`, `liberado`, `выпущен`, `despachado`).
    Cleared,
    /// Released once documents were supplied (`补充资料`, `documents requested`, `aguardando documentos`).
    ReleasedAfterDocuments,
    /// Released once duties or taxes were paid (`缴税`, `taxes paid`, `aguardando pagamento`, `оплата пошлины`).
    ReleasedAfterPayment,
    /// Sent back to the seller (`退回`, `returned to sender`, `devolvido`, `возврат`, `devuelto`).
    Returned,
    /// Taken by customs (`没收`, `seized`, `apreendido`, `конфискован`, `decomisado`).
    Confiscated,
    /// Left at customs by the buyer, who refused it or its charges (`弃件`, `abandoned`, `отказ от получения`).
    Abandoned,
    /// At customs with no final outcome yet (`清关中`, `held`, `retido`, `на таможне`, `en aduana`).
    Pending,
}

impl CustomsOutcome {
    /// Every outcome, in the order the UI lists them.
    pub const ALL: [CustomsOutcome; 7] = [
        CustomsOutcome::Cleared,
        CustomsOutcome::ReleasedAfterDocuments,
        CustomsOutcome::ReleasedAfterPayment,
        CustomsOutcome::Returned,
        CustomsOutcome::Confiscated,
        CustomsOutcome::Abandoned,
        CustomsOutcome::Pending,
    ];

    /// The serde name, `"released_after_payment"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomsOutcome::Cleared => "cleared",
            CustomsOutcome::ReleasedAfterDocuments => "released_after_documents",
            CustomsOutcome::ReleasedAfterPayment => "released_after_payment",
            CustomsOutcome::Returned => "returned",
            CustomsOutcome::Confiscated => "confiscated",
            CustomsOutcome::Abandoned => "abandoned",
            CustomsOutcome::Pending => "pending",
        }
    }

    /// Whether customs stopped the parcel: every outcome but a plain release and not-yet-known.
    pub fn is_detention(self) -> bool {
        !matches!(self, CustomsOutcome::Cleared | CustomsOutcome::Pending)
    }

    /// Whether the outcome is final, i.e. not [`Pending`](CustomsOutcome::Pending).
    pub fn is_known(self) -> bool {
        self != CustomsOutcome::Pending
    }
}

/// The order in which an outcome wins when a cell says several things: the harshest first, so
/// `retido e apreendido` is confiscated and `held, released` is cleared.
const OUTCOME_PRIORITY: [CustomsOutcome; 7] = [
    CustomsOutcome::Confiscated,
    CustomsOutcome::Returned,
    CustomsOutcome::Abandoned,
    CustomsOutcome::ReleasedAfterPayment,
    CustomsOutcome::ReleasedAfterDocuments,
    CustomsOutcome::Cleared,
    CustomsOutcome::Pending,
];

/// Reads a forwarder's customs-outcome cell, in any of the five languages, codes (`CLR`,
/// `RTS`, `SEIZED`, `HOLD`) included. `None` when the text says nothing this module knows, so
/// the UI can ask the user.
///
/// When a cell names several outcomes the harshest wins: confiscated, returned, abandoned,
/// released after payment, released after documents, cleared, pending. A phrase after a
/// negation (`not released`, `未放行`, `não liberado`) does not count; a cell whose only
/// customs words are negated reads as pending.
///
/// ```
/// use borderlens_core::analysis::customs::vocab::{classify_outcome, CustomsOutcome};
///
/// assert_eq!(classify_outcome("已放行"), Some(CustomsOutcome::Cleared));
/// assert_eq!(classify_outcome("Retido e apreendido"), Some(CustomsOutcome::Confiscated));
/// assert_eq!(classify_outcome("cleared after documents"), Some(CustomsOutcome::ReleasedAfterDocuments));
/// assert_eq!(classify_outcome("未放行"), Some(CustomsOutcome::Pending));
/// assert_eq!(classify_outcome("RTS"), Some(CustomsOutcome::Returned));
/// assert_eq!(classify_outcome("see email"), None);
/// ```
pub fn classify_outcome(text: &str) -> Option<CustomsOutcome> {
    let folded = fold(text, Fold::Words);
    let hits = outcome_vocab().hits(&folded);
    OUTCOME_PRIORITY
        .into_iter()
        .find(|&outcome| hits.iter().any(|h| h.kind == outcome && !h.is_negated))
        .or_else(|| (!hits.is_empty()).then_some(CustomsOutcome::Pending))
}

// ---------------------------------------------------------------------------------------------
// Checkpoints
// ---------------------------------------------------------------------------------------------

/// Which of the two customs a parcel passes: the origin's export customs or the destination's
/// import customs.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Checkpoint {
    /// Export customs in the origin country (usually China).
    Export,
    /// Import customs in the destination country.
    Import,
}

impl Checkpoint {
    /// Both checkpoints, in the order a parcel meets them.
    pub const ALL: [Checkpoint; 2] = [Checkpoint::Export, Checkpoint::Import];

    /// The serde name, `"export"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Checkpoint::Export => "export",
            Checkpoint::Import => "import",
        }
    }
}

/// Reads a checkpoint cell: `出口`, `export`, `exportação`, `экспорт`, `exportación`, `origin`
/// are export; `进口`, `import`, `importação`, `импорт`, `importación`, `destination`, `目的国`
/// are import. `None` when the text names neither, or both (`进出口`).
///
/// ```
/// use borderlens_core::analysis::customs::vocab::{classify_checkpoint, Checkpoint};
///
/// assert_eq!(classify_checkpoint("出口报关"), Some(Checkpoint::Export));
/// assert_eq!(classify_checkpoint("Importação"), Some(Checkpoint::Import));
/// assert_eq!(classify_checkpoint("进出口"), None);
/// ```
pub fn classify_checkpoint(text: &str) -> Option<Checkpoint> {
    let folded = fold(text, Fold::Words);
    match folded.as_str() {
        "exp" | "出" | "出境" => return Some(Checkpoint::Export),
        "imp" | "进" | "入境" => return Some(Checkpoint::Import),
        _ => {}
    }
    checkpoint_of(&folded)
}

/// The one side a folded text names, if it names exactly one.
fn checkpoint_of(folded: &str) -> Option<Checkpoint> {
    let hits = checkpoint_vocab().hits(folded);
    let mut sides = hits.iter().filter(|h| !h.is_negated).map(|h| h.kind);
    let first = sides.next()??;
    sides.all(|side| side == Some(first)).then_some(first)
}

// ---------------------------------------------------------------------------------------------
// Tracking events
// ---------------------------------------------------------------------------------------------

/// What a tracking event says happened, as 17TRACK, AfterShip, Cainiao and the posts word it.
///
/// Customs steps: [`ExportCustoms`](EventKind::ExportCustoms) is the routine export step;
/// [`ImportCustomsIn`](EventKind::ImportCustomsIn) and [`CustomsReleased`](EventKind::CustomsReleased)
/// are the routine import steps (customs wording without a side reads as import, the usual
/// case; wording that names the export side makes them `ExportCustoms`). The problems —
/// [`CustomsHeld`](EventKind::CustomsHeld), [`DocumentsRequested`](EventKind::DocumentsRequested),
/// [`PaymentRequested`](EventKind::PaymentRequested), [`Confiscated`](EventKind::Confiscated) —
/// keep their kind on either side; [`event_customs_side`] tells which.
///
/// A confirmed payment (`Pagamento confirmado`, `taxes paid`, `已缴税`) is
/// [`CustomsReleased`](EventKind::CustomsReleased): it ends the payment hold, and that a payment
/// was asked is already told by the earlier `PaymentRequested` event (`Aguardando pagamento`).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The carrier has the parcel (`已揽收`, `Picked up`, `Objeto postado`, `Принято в отделении связи`, `Admitido`).
    PickedUp,
    /// It left the origin facility or country (`离开始发地`, `Flight departed`, `En tránsito internacional`).
    DepartedOrigin,
    /// Export customs at origin (`出口报关完成`, `Export customs clearance completed`).
    ExportCustoms,
    /// It reached the destination country (`到达目的国`, `Objeto recebido pelos Correios do Brasil`).
    ArrivedDestination,
    /// It is with import customs (`清关中`, `Customs clearance in progress`, `Таможенное оформление`).
    ImportCustomsIn,
    /// Customs is holding or inspecting it (`海关查验`, `Held by customs`, `Retenido en aduana`).
    CustomsHeld,
    /// Customs asks for documents (`需补充资料`, `Awaiting documents`, `Требуются документы`).
    DocumentsRequested,
    /// Duties or taxes must be paid (`待缴税`, `Aguardando pagamento`).
    PaymentRequested,
    /// Customs released it (`放行`, `Fiscalização aduaneira finalizada`, `Выпущено таможней`, `Pagamento confirmado`).
    CustomsReleased,
    /// It is going back to the sender (`退回`, `Returned to sender`, `Возврат отправителю`).
    Returned,
    /// Customs seized it (`没收`, `Seized by customs`, `Apreendido`, `Конфисковано`).
    Confiscated,
    /// With the last-mile courier, or waiting at the delivery office for collection
    /// (`派送中`, `Out for delivery`, `Передано почтальону`, `En reparto`).
    OutForDelivery,
    /// A delivery failed (`投递失败`, `Delivery attempted`, `Неудачная попытка вручения`).
    DeliveryAttempt,
    /// The buyer has it (`已签收`, `Delivered`, `Objeto entregue ao destinatário`, `Вручение адресату`).
    Delivered,
    /// Moving between facilities (`运输中`, `In transit`, `Em trânsito`, `В пути`).
    InTransit,
    /// Nothing this module knows; callers list these as unmatched.
    Other,
}

impl EventKind {
    /// Every kind, in the order of a parcel's journey.
    pub const ALL: [EventKind; 16] = [
        EventKind::PickedUp,
        EventKind::DepartedOrigin,
        EventKind::ExportCustoms,
        EventKind::ArrivedDestination,
        EventKind::ImportCustomsIn,
        EventKind::CustomsHeld,
        EventKind::DocumentsRequested,
        EventKind::PaymentRequested,
        EventKind::CustomsReleased,
        EventKind::Returned,
        EventKind::Confiscated,
        EventKind::OutForDelivery,
        EventKind::DeliveryAttempt,
        EventKind::Delivered,
        EventKind::InTransit,
        EventKind::Other,
    ];

    /// The serde name, `"import_customs_in"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::PickedUp => "picked_up",
            EventKind::DepartedOrigin => "departed_origin",
            EventKind::ExportCustoms => "export_customs",
            EventKind::ArrivedDestination => "arrived_destination",
            EventKind::ImportCustomsIn => "import_customs_in",
            EventKind::CustomsHeld => "customs_held",
            EventKind::DocumentsRequested => "documents_requested",
            EventKind::PaymentRequested => "payment_requested",
            EventKind::CustomsReleased => "customs_released",
            EventKind::Returned => "returned",
            EventKind::Confiscated => "confiscated",
            EventKind::OutForDelivery => "out_for_delivery",
            EventKind::DeliveryAttempt => "delivery_attempt",
            EventKind::Delivered => "delivered",
            EventKind::InTransit => "in_transit",
            EventKind::Other => "other",
        }
    }

    /// Whether the event is a customs step (either side).
    pub fn is_customs(self) -> bool {
        matches!(
            self,
            EventKind::ExportCustoms
                | EventKind::ImportCustomsIn
                | EventKind::CustomsHeld
                | EventKind::DocumentsRequested
                | EventKind::PaymentRequested
                | EventKind::CustomsReleased
                | EventKind::Confiscated
        )
    }
}

/// The order in which an event kind wins when a text says several things: final states and
/// problems before routine steps, later steps before earlier ones, so `Arrived at destination
/// country, customs clearance in progress` is with import customs and `Released from customs
/// hold` is released.
const EVENT_PRIORITY: [EventKind; 15] = [
    EventKind::Confiscated,
    EventKind::Returned,
    EventKind::DeliveryAttempt,
    EventKind::Delivered,
    EventKind::OutForDelivery,
    EventKind::DocumentsRequested,
    EventKind::PaymentRequested,
    EventKind::CustomsReleased,
    EventKind::CustomsHeld,
    EventKind::ExportCustoms,
    EventKind::ImportCustomsIn,
    EventKind::ArrivedDestination,
    EventKind::DepartedOrigin,
    EventKind::PickedUp,
    EventKind::InTransit,
];

/// Reads one tracking event's description. [`EventKind::Other`] when nothing matches.
///
/// ```
/// use borderlens_core::analysis::customs::vocab::{classify_event, EventKind};
///
/// assert_eq!(classify_event("【深圳】快件已揽收"), EventKind::PickedUp);
/// assert_eq!(classify_event("Objeto encaminhado para fiscalização aduaneira"), EventKind::ImportCustomsIn);
/// assert_eq!(classify_event("Fiscalização aduaneira finalizada"), EventKind::CustomsReleased);
/// assert_eq!(classify_event("Export customs clearance completed"), EventKind::ExportCustoms);
/// assert_eq!(classify_event("Неудачная попытка вручения"), EventKind::DeliveryAttempt);
/// assert_eq!(classify_event("Label printed"), EventKind::Other);
/// ```
pub fn classify_event(text: &str) -> EventKind {
    classify_folded_event(&fold(text, Fold::Words))
}

fn classify_folded_event(folded: &str) -> EventKind {
    let hits = event_vocab().hits(folded);
    let kind = EVENT_PRIORITY
        .into_iter()
        .find(|&kind| hits.iter().any(|h| h.kind == kind && !h.is_negated))
        .unwrap_or(EventKind::Other);
    // Routine customs wording that names the export side is the export step.
    match kind {
        EventKind::ImportCustomsIn | EventKind::CustomsReleased
            if checkpoint_of(folded) == Some(Checkpoint::Export) =>
        {
            EventKind::ExportCustoms
        }
        kind => kind,
    }
}

/// On which side a customs event happened. `None` for an event that is not about customs, and
/// when nothing tells.
///
/// In order: the wording (`出口报关`, `export clearance`, `exportação` are export; `进口清关`,
/// `import`, `destination`, `目的国` are import), then the event's location against the
/// shipment's origin and destination (any form [`normalize_country`] reads: `CN`, `China`,
/// `中国`), then the kind's usual side: an unplaced [`EventKind::ImportCustomsIn`] or
/// [`EventKind::PaymentRequested`] is import; a hold, a release or a seizure without wording or
/// location is `None`.
///
/// ```
/// use borderlens_core::analysis::customs::vocab::{event_customs_side, Checkpoint};
///
/// assert_eq!(event_customs_side("出口报关完成", None, None, None), Some(Checkpoint::Export));
/// assert_eq!(event_customs_side("Выпущено таможней", Some("CN"), Some("CN"), Some("RU")), Some(Checkpoint::Export));
/// assert_eq!(event_customs_side("Held by customs", Some("Brazil"), Some("CN"), Some("BR")), Some(Checkpoint::Import));
/// assert_eq!(event_customs_side("Delivered", Some("BR"), Some("CN"), Some("BR")), None);
/// ```
pub fn event_customs_side(
    text: &str,
    location_country: Option<&str>,
    origin: Option<&str>,
    destination: Option<&str>,
) -> Option<Checkpoint> {
    let folded = fold(text, Fold::Words);
    let kind = classify_folded_event(&folded);
    let mentions_customs = customs_word_vocab().hits(&folded).iter().any(|h| !h.is_negated);
    if !kind.is_customs() && !mentions_customs {
        return None;
    }
    if kind == EventKind::ExportCustoms {
        return Some(Checkpoint::Export);
    }
    if let Some(side) = checkpoint_of(&folded) {
        return Some(side);
    }
    let country = |s: Option<&str>| s.and_then(normalize_country);
    let (here, from, to) = (country(location_country), country(origin), country(destination));
    if let Some(here) = here {
        if from != to {
            if Some(here) == from {
                return Some(Checkpoint::Export);
            }
            if Some(here) == to {
                return Some(Checkpoint::Import);
            }
        }
    }
    match kind {
        EventKind::ImportCustomsIn | EventKind::PaymentRequested => Some(Checkpoint::Import),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

/// A document customs asks for before releasing a parcel.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// `商业发票`, `invoice`, `fatura`, `factura`, `инвойс`.
    CommercialInvoice,
    /// `装箱单`, `packing list`, `romaneio`, `lista de empaque`.
    PackingList,
    /// `原产地证`, `certificate of origin`, `Form E`, `certificado de origem`.
    CertificateOfOrigin,
    /// `CE证书`, `CE`, `declaration of conformity`.
    CeCertificate,
    /// `FCC认证`, `FCC ID`.
    FccCertificate,
    /// `FDA注册`, `FDA registration`, `prior notice`.
    FdaRegistration,
    /// Brazil's health agency authorisation (`Anvisa`).
    AnvisaAuthorization,
    /// The buyer's tax or customs identity number: Brazil's CPF/CNPJ, Russia's ИНН and passport
    /// data, Mexico's RFC, Chile's RUT, the EU's EORI/IOSS, Turkey's TC Kimlik, Korea's PCCC
    /// (`개인통관고유부호`), `税号`, `VAT number`.
    TaxId,
    /// `进口许可证`, `import licence`, `licença de importação`, `лицензия`.
    ImportLicence,
    /// Safety data sheet: `MSDS`, `SDS`, `FISPQ`, `паспорт безопасности`.
    Msds,
    /// Lithium battery test summary: `UN38.3`, `电池证明`, `battery certificate`.
    BatteryCertificate,
    /// `产品图片`, `product photos`, `fotos`, `фото`.
    ProductPhotos,
    /// `付款证明`, `proof of payment`, `comprovante de pagamento`, `подтверждение оплаты`.
    PaymentProof,
    /// A document this module does not know (`授权书`, `power of attorney`).
    Other,
}

impl DocumentKind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [DocumentKind; 14] = [
        DocumentKind::CommercialInvoice,
        DocumentKind::PackingList,
        DocumentKind::CertificateOfOrigin,
        DocumentKind::CeCertificate,
        DocumentKind::FccCertificate,
        DocumentKind::FdaRegistration,
        DocumentKind::AnvisaAuthorization,
        DocumentKind::TaxId,
        DocumentKind::ImportLicence,
        DocumentKind::Msds,
        DocumentKind::BatteryCertificate,
        DocumentKind::ProductPhotos,
        DocumentKind::PaymentProof,
        DocumentKind::Other,
    ];

    /// The serde name, `"certificate_of_origin"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::CommercialInvoice => "commercial_invoice",
            DocumentKind::PackingList => "packing_list",
            DocumentKind::CertificateOfOrigin => "certificate_of_origin",
            DocumentKind::CeCertificate => "ce_certificate",
            DocumentKind::FccCertificate => "fcc_certificate",
            DocumentKind::FdaRegistration => "fda_registration",
            DocumentKind::AnvisaAuthorization => "anvisa_authorization",
            DocumentKind::TaxId => "tax_id",
            DocumentKind::ImportLicence => "import_licence",
            DocumentKind::Msds => "msds",
            DocumentKind::BatteryCertificate => "battery_certificate",
            DocumentKind::ProductPhotos => "product_photos",
            DocumentKind::PaymentProof => "payment_proof",
            DocumentKind::Other => "other",
        }
    }
}

/// Reads a "documents requested" cell, which may list several (`发票, 原产地证`,
/// `CPF + invoice`, `CE/FCC`). Kinds come back once each, in [`DocumentKind::ALL`] order. An
/// item of the list that names no known document adds [`DocumentKind::Other`], and so does a
/// cell that names none at all (`documents`, `请提供资料`), so nothing the customs asked for is
/// dropped; words around the documents (`please provide`, `请提供`, `missing`) are not items.
/// Empty text, and `N/A`, `none`, `无`, `нет`, give an empty list.
///
/// ```
/// use borderlens_core::analysis::customs::vocab::{classify_documents, DocumentKind};
///
/// assert_eq!(
///     classify_documents("发票, 原产地证"),
///     vec![DocumentKind::CommercialInvoice, DocumentKind::CertificateOfOrigin]
/// );
/// assert_eq!(classify_documents("CPF + invoice"), vec![DocumentKind::CommercialInvoice, DocumentKind::TaxId]);
/// assert_eq!(classify_documents("CE/FCC"), vec![DocumentKind::CeCertificate, DocumentKind::FccCertificate]);
/// assert_eq!(classify_documents("invoice; power of attorney"), vec![DocumentKind::CommercialInvoice, DocumentKind::Other]);
/// ```
pub fn classify_documents(text: &str) -> Vec<DocumentKind> {
    let folded = fold(text, Fold::List);
    if NO_DOCUMENTS.contains(&folded.as_str()) {
        return Vec::new();
    }
    let hits = document_vocab().hits(&folded);
    let mut found = [false; DocumentKind::ALL.len()];
    for hit in hits.iter().filter(|h| !h.is_negated) {
        found[hit.kind as usize] = true;
    }
    // A negated mention (`no invoice needed`) names its item without asking for it.
    let names_unknown_document = list_items(&folded)
        .any(|(start, end)| !hits.iter().any(|h| h.start < end && start < h.end) && !is_filler(&folded[start..end]));
    let names_nothing_known = hits.is_empty() && folded.chars().any(char::is_alphabetic);
    if names_unknown_document || names_nothing_known {
        found[DocumentKind::Other as usize] = true;
    }
    DocumentKind::ALL.into_iter().filter(|&kind| found[kind as usize]).collect()
}

/// The byte ranges of a folded list's items: split at separators (`,` `;` `/` `+` `&` `、`
/// `和` `及`…, folded to `|`) and at the words `and`, `or`, `e`, `y`, `ou`, `и`, `или`.
fn list_items(folded: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut items = Vec::new();
    let mut item_start = None;
    let mut item_end = 0;
    let mut word_start = 0;
    fn close(items: &mut Vec<(usize, usize)>, start: &mut Option<usize>, end: usize) {
        if let Some(s) = start.take() {
            items.push((s, end));
        }
    }
    for (i, c) in folded.char_indices().chain(std::iter::once((folded.len(), '|'))) {
        if c == ' ' || c == '|' {
            let word = &folded[word_start..i];
            if LIST_CONNECTORS.contains(&word) {
                close(&mut items, &mut item_start, item_end);
            } else if !word.is_empty() {
                item_start.get_or_insert(word_start);
                item_end = i;
            }
            if c == '|' {
                close(&mut items, &mut item_start, item_end);
            }
            word_start = i + 1;
        }
    }
    items.into_iter()
}

/// Cells that say no document was asked for, folded.
const NO_DOCUMENTS: &[&str] =
    &["", "n|a", "n a", "na", "none", "nil", "无", "没有", "нет", "nenhum", "nenhuma", "ninguno", "ninguna", "no"];

const LIST_CONNECTORS: &[&str] = &["and", "or", "e", "y", "ou", "o", "и", "или", "plus"];

/// Whether a list item holds only words that surround documents (`please provide`, `请提供`,
/// `missing`, `etc`) and no document of its own.
fn is_filler(item: &str) -> bool {
    item.split(' ').all(|word| {
        if word.chars().any(is_cjk) {
            let mut rest = word.to_string();
            for filler in CJK_FILLERS {
                rest = rest.replace(filler, "");
            }
            rest.is_empty()
        } else {
            !word.chars().any(char::is_alphabetic) || FILLER_WORDS.contains(&word)
        }
    })
}

const FILLER_WORDS: &[&str] = &[
    // English
    "please",
    "provide",
    "send",
    "submit",
    "upload",
    "required",
    "requested",
    "request",
    "need",
    "needed",
    "missing",
    "copy",
    "copies",
    "of",
    "the",
    "a",
    "an",
    "etc",
    "document",
    "documents",
    "docs",
    "doc",
    "customs",
    "for",
    "buyer",
    "buyers",
    "recipient",
    "recipients",
    "consignee",
    "valid",
    "signed",
    "original",
    "scan",
    "scanned",
    "supporting",
    "additional",
    "following",
    "info",
    "information",
    "from",
    "to",
    "by",
    // Portuguese and Spanish
    "documentos",
    "documento",
    "enviar",
    "necessario",
    "necesario",
    "falta",
    "faltando",
    "faltan",
    "de",
    "do",
    "da",
    "del",
    "la",
    "el",
    "los",
    "las",
    "se",
    "requiere",
    "requieren",
    "solicitado",
    "solicitados",
    "pendente",
    "pendiente",
    "copia",
    "favor",
    "por",
    // Russian
    "документы",
    "документ",
    "необходимы",
    "необходимо",
    "требуются",
    "требуется",
    "т",
    "д",
    "др",
    "копия",
    "предоставить",
    "нужны",
];

/// Chinese words around documents, removed from an item before asking whether anything is left.
const CJK_FILLERS: &[&str] = &[
    "请提供",
    "请补充",
    "提供",
    "需要",
    "需",
    "补充",
    "资料",
    "文件",
    "等等",
    "等",
    "以下",
    "请",
    "客户",
    "复印件",
    "扫描件",
    "缺少",
    "缺",
    "要求",
    "买家",
    "收件人",
    "的",
    "以",
];

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/// How much of a cell is read. Statuses, outcomes and document lists are short; a longer cell
/// (a pasted e-mail) is not a label, and its head says what it is about. Bounding it keeps
/// the phrase search cheap whatever the file holds.
const MAX_CHARS: usize = 1_000;

/// How [`fold`] treats list separators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fold {
    /// Every run of punctuation and spaces becomes one space.
    Words,
    /// As `Words`, but list separators (`,` `;` `/` `+` `&` `、` `和` `及` `与` `或`, line
    /// breaks) become `|`, so that a documents cell can be split into items.
    List,
}

/// The text phrases are compared on: lowercase; full-width ASCII half-width; Latin accents and
/// `ё` dropped; the Traditional characters of customs wording made Simplified; invisible
/// characters gone; every run of other characters (punctuation, spaces) one space, none at
/// the ends. Only the first [`MAX_CHARS`] characters are read.
fn fold(text: &str, mode: Fold) -> String {
    let mut out = String::with_capacity(text.len().min(4 * MAX_CHARS));
    let mut pending_space = false;
    for raw in text.chars().take(MAX_CHARS) {
        for c in half_width(raw).to_lowercase() {
            if is_mark_or_invisible(c) {
                continue;
            }
            if c.is_alphanumeric() && !(mode == Fold::List && is_cjk_connector(c)) {
                if pending_space && !out.is_empty() && !out.ends_with('|') {
                    out.push(' ');
                }
                pending_space = false;
                push_folded(c, &mut out);
            } else if mode == Fold::List && is_list_separator(c) {
                if out.ends_with(' ') {
                    out.pop();
                }
                if !out.is_empty() && !out.ends_with('|') {
                    out.push('|');
                }
                pending_space = false;
            } else {
                pending_space = true;
            }
        }
    }
    // A cut cell ends in a cut word: drop it rather than read half a word.
    if text.chars().nth(MAX_CHARS).is_some() {
        let end = out.rfind([' ', '|']).unwrap_or(0);
        out.truncate(end);
    }
    while out.ends_with(['|', ' ']) {
        out.pop();
    }
    out
}

/// Full-width ASCII (`ＣＬＲ`, `（`) and the ideographic space as their ASCII selves.
fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Combining accents (from decomposed text) and zero-width characters or a stray BOM.
fn is_mark_or_invisible(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

fn is_list_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '/' | '+' | '&' | '|' | '\n' | '\r' | '\t' | '、' | '，' | '；' | '\\')
        || is_cjk_connector(c)
}

fn is_cjk_connector(c: char) -> bool {
    matches!(c, '和' | '及' | '与' | '或' | '與')
}

/// Chinese, Japanese and Korean characters: matched anywhere, never part of a Latin "word".
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11ff}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ffdc}'
        | '\u{20000}'..='\u{3ffff}')
}

/// A letter or digit of a script that separates words with spaces (Latin, Cyrillic…).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Pushes a lowercase character without its accent, `ё` as `е`, or a Chinese character in
/// its Simplified form.
fn push_folded(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ё' => 'е',
        'º' => 'o',
        'ª' => 'a',
        'ß' => return out.push_str("ss"),
        'æ' => return out.push_str("ae"),
        'œ' => return out.push_str("oe"),
        _ => simplified(c),
    };
    out.push(folded);
}

/// The Simplified form of the Traditional characters in customs and tracking wording, as
/// Hong Kong and Taiwan forwarders write it (`清關`, `簽收`, `退運`).
fn simplified(c: char) -> char {
    match c {
        '關' => '关',
        '報' => '报',
        '進' => '进',
        '沒' => '没',
        '簽' => '签',
        '運' => '运',
        '發' => '发',
        '達' => '达',
        '補' => '补',
        '資' => '资',
        '證' => '证',
        '稅' => '税',
        '繳' => '缴',
        '檢' => '检',
        '驗' => '验',
        '國' => '国',
        '離' => '离',
        '開' => '开',
        '轉' => '转',
        '貨' => '货',
        '處' => '处',
        '銷' => '销',
        '毀' => '毁',
        '棄' => '弃',
        '還' => '还',
        '攬' => '揽',
        '異' => '异',
        '單' => '单',
        '號' => '号',
        '許' => '许',
        '產' => '产',
        '圖' => '图',
        '書' => '书',
        '認' => '认',
        '電' => '电',
        '憑' => '凭',
        '費' => '费',
        '納' => '纳',
        '護' => '护',
        '無' => '无',
        '遞' => '递',
        '際' => '际',
        '點' => '点',
        '機' => '机',
        '場' => '场',
        '實' => '实',
        '敗' => '败',
        '裝' => '装',
        '罰' => '罚',
        '請' => '请',
        '須' => '须',
        '誤' => '误',
        '聯' => '联',
        '絡' => '络',
        '換' => '换',
        '貼' => '贴',
        '時' => '时',
        '間' => '间',
        '審' => '审',
        '態' => '态',
        '標' => '标',
        '與' => '与',
        '內' => '内',
        '從' => '从',
        '邊' => '边',
        '線' => '线',
        '為' => '为',
        '經' => '经',
        '個' => '个',
        '擊' => '击',
        '錄' => '录',
        '傳' => '传',
        '託' => '托',
        '務' => '务',
        '領' => '领',
        '價' => '价',
        '總' => '总',
        '後' => '后',
        '歸' => '归',
        '滯' => '滞',
        '緩' => '缓',
        '遲' => '迟',
        '啟' => '启',
        '啓' => '启',
        '飛' => '飞',
        '積' => '积',
        '區' => '区',
        '準' => '准',
        '備' => '备',
        _ => c,
    }
}

/// A phrase list, folded and built once, with what each phrase means.
struct Vocab<K> {
    phrases: Vec<Phrase<K>>,
}

struct Phrase<K> {
    /// Folded text; a `*` after a word lets the word go on.
    text: String,
    /// Bytes of `text` before the first `*`: the part searched for.
    head_len: usize,
    kind: K,
}

/// One phrase found in a text, and whether a negation comes right before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hit<K> {
    start: usize,
    end: usize,
    kind: K,
    is_negated: bool,
}

impl<K: Copy> Vocab<K> {
    /// Folds every phrase of `groups` the way texts are. Each line of a group is one
    /// language's phrases, written naturally (accents and all) after a tag and separated by
    /// ` | `: `"pt: liberad* | desembaraçad*"`.
    fn new(mode: Fold, groups: &[(K, &[&str])]) -> Vocab<K> {
        let mut phrases = Vec::new();
        for &(kind, lines) in groups {
            for line in lines {
                let (_language, list) = line.split_once(": ").unwrap_or(("", line));
                for source in list.split(" | ") {
                    let text = fold_phrase(source, mode);
                    let head_len = text.find('*').unwrap_or(text.len());
                    phrases.push(Phrase { text, head_len, kind });
                }
            }
        }
        Vocab { phrases }
    }

    /// The phrases a folded text says, each claiming its words: longer matches first, then
    /// earlier ones; a match overlapping a claimed one is dropped.
    fn hits(&self, folded: &str) -> Vec<Hit<K>> {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (index, phrase) in self.phrases.iter().enumerate() {
            let head = &phrase.text[..phrase.head_len];
            let Some(first) = head.chars().next() else { continue };
            let mut from = 0;
            while let Some(offset) = folded[from..].find(head) {
                let start = from + offset;
                from = start + first.len_utf8();
                let starts_word = !is_word(first) || !folded[..start].chars().next_back().is_some_and(is_word);
                if let Some(end) = starts_word.then(|| match_at(folded, start, &phrase.text)).flatten() {
                    found.push((start, end, index));
                }
            }
        }
        found.sort_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)).then(a.2.cmp(&b.2)));
        let mut hits: Vec<Hit<K>> = Vec::new();
        for (start, end, index) in found {
            if hits.iter().all(|h| end <= h.start || h.end <= start) {
                let is_negated = is_negated(folded, start);
                hits.push(Hit { start, end, kind: self.phrases[index].kind, is_negated });
            }
        }
        hits.sort_by_key(|h| h.start);
        hits
    }
}

/// Folds a phrase as written in the tables, keeping the `*` after a word.
fn fold_phrase(source: &str, mode: Fold) -> String {
    let words: Vec<String> = source
        .split_whitespace()
        .map(|word| match word.strip_suffix('*') {
            Some(stem) => format!("{}*", fold(stem, mode)),
            None => fold(word, mode),
        })
        .collect();
    words.join(" ")
}

/// Where a phrase that starts at `start` ends in `text`, if it matches there: literally, a `*`
/// taking the rest of the word, and a phrase ending in a letter must end a word.
fn match_at(text: &str, start: usize, phrase: &str) -> Option<usize> {
    let mut pos = start;
    for p in phrase.chars() {
        if p == '*' {
            while let Some(c) = text[pos..].chars().next().filter(|&c| is_word(c)) {
                pos += c.len_utf8();
            }
        } else {
            let c = text[pos..].chars().next().filter(|&c| c == p)?;
            pos += c.len_utf8();
        }
    }
    let ends_word = phrase.ends_with('*')
        || !phrase.chars().next_back().is_some_and(is_word)
        || !text[pos..].chars().next().is_some_and(is_word);
    ends_word.then_some(pos)
}

/// Whether a negation (`not`, `não`, `no`, `не`, `未`…) or a not-yet word (`awaiting`,
/// `aguardando`, `ожидает`, `待`) comes right before `start`, past auxiliaries (`could not be
/// delivered`, `not yet released`, `не был выпущен`).
fn is_negated(folded: &str, start: usize) -> bool {
    let mut before = folded[..start].trim_end_matches([' ', '|']);
    while let Some(aux) = AUXILIARIES.iter().find(|aux| ends_with_word(before, aux)) {
        before = before[..before.len() - aux.len()].trim_end_matches([' ', '|']);
    }
    NEGATIONS.iter().any(|negation| ends_with_word(before, negation))
}

fn ends_with_word(text: &str, word: &str) -> bool {
    text.ends_with(word)
        && (!word.starts_with(is_word) || !text[..text.len() - word.len()].chars().next_back().is_some_and(is_word))
}

/// Negations and not-yet words, folded.
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "non",
    "never",
    "without",
    "awaiting",
    "pending",
    "before",
    "nao",
    "sem",
    "nunca",
    "aguardando",
    "antes de",
    "sin",
    "esperando",
    "en espera de",
    "pendiente de",
    "не",
    "нет",
    "без",
    "ожидает",
    "ожидается",
    "ожидание",
    "未",
    "没",
    "没有",
    "不",
    "不予",
    "无",
    "无法",
    "无需",
    "尚未",
    "未能",
    "不能",
    "待",
    "等待",
];

/// Words that may stand between a negation and what it negates, folded.
const AUXILIARIES: &[&str] = &[
    "be", "been", "being", "yet", "was", "is", "has", "have", "had", "foi", "sido", "ser", "esta", "fue", "ha", "был",
    "была", "было", "были", "еще", "被",
];

// ---------------------------------------------------------------------------------------------
// Phrase tables. Written as forwarders and trackers write them; folded once, on first use.
// Order inside a table does not matter: longer matches claim their words first, then the
// kind ranked first wins.
// ---------------------------------------------------------------------------------------------

fn outcome_vocab() -> &'static Vocab<CustomsOutcome> {
    static VOCAB: OnceLock<Vocab<CustomsOutcome>> = OnceLock::new();
    VOCAB.get_or_init(|| Vocab::new(Fold::Words, OUTCOME_PHRASES))
}

fn checkpoint_vocab() -> &'static Vocab<Option<Checkpoint>> {
    static VOCAB: OnceLock<Vocab<Option<Checkpoint>>> = OnceLock::new();
    VOCAB.get_or_init(|| Vocab::new(Fold::Words, CHECKPOINT_PHRASES))
}

fn event_vocab() -> &'static Vocab<EventKind> {
    static VOCAB: OnceLock<Vocab<EventKind>> = OnceLock::new();
    VOCAB.get_or_init(|| Vocab::new(Fold::Words, EVENT_PHRASES))
}

fn customs_word_vocab() -> &'static Vocab<()> {
    static VOCAB: OnceLock<Vocab<()>> = OnceLock::new();
    VOCAB.get_or_init(|| Vocab::new(Fold::Words, CUSTOMS_WORDS))
}

fn document_vocab() -> &'static Vocab<DocumentKind> {
    static VOCAB: OnceLock<Vocab<DocumentKind>> = OnceLock::new();
    VOCAB.get_or_init(|| Vocab::new(Fold::List, DOCUMENT_PHRASES))
}

const OUTCOME_PHRASES: &[(CustomsOutcome, &[&str])] = &[
    (
        CustomsOutcome::Confiscated,
        &[
            "en: confiscat* | seized | seize | seizure | forfeit* | impounded | destroyed by customs",
            "en: customs destroyed",
            "zh: 没收 | 罚没 | 查没 | 收缴 | 销毁 | 充公",
            "pt: apreendid* | apreensao | confiscad* | perdimento",
            "es: decomis* | incautad* | incautacion | comiso",
            "ru: конфиск* | изъят*",
        ],
    ),
    (
        CustomsOutcome::Returned,
        &[
            "en: returned | return | returning | return to sender | return to origin | sent back",
            "codes: rts | rto | ret",
            "zh: 退回 | 退运 | 退件 | 退还 | 退货 | 原路返回",
            "pt: devolvid* | devolucao | devolver | retornad* | retorno ao remetente",
            "es: devuelt* | devolucion | regresad* | retorno al remitente",
            "ru: возврат* | возвращ* | вручение отправителю",
        ],
    ),
    (
        CustomsOutcome::Abandoned,
        &[
            "en: abandon* | refused by recipient | refused by consignee | refused by addressee | recipient refused",
            "en: consignee refused | refused to pay | refused delivery | delivery refused | rejected by recipient",
            "en: unclaimed | not collected",
            "zh: 弃件 | 弃货 | 放弃 | 拒收 | 拒签 | 拒付 | 拒绝签收 | 拒绝付款 | 拒绝缴税 | 无人认领 | 无人领取",
            "pt: abandonad* | abandono | recusad* | recusa | nao procurado | nao reclamado | nao retirado",
            "es: no reclamado | rehusad* | rechazado por el destinatario | rechazo del destinatario",
            "ru: отказ от получения | отказ адресата | отказ от оплаты | отказался | отказалась | невостребован*",
        ],
    ),
    (
        CustomsOutcome::ReleasedAfterPayment,
        &[
            "en: paid | pay | payment | payments | after payment | awaiting payment | pending payment",
            "en: payment pending | tax | taxes | taxed | duty | duties | vat | gst | fee | fees | charges",
            "en: customs charges",
            "zh: 缴税 | 付税 | 交税 | 纳税 | 补税 | 税金 | 税费 | 税款 | 关税 | 缴费 | 付款 | 已缴 | 待缴税 | 待付税",
            "zh: 待缴费 | 待付款 | 待支付 | 等待缴税 | 罚款",
            "pt: paga | pagamento | aguardando pagamento | taxa | taxas | taxado | taxada | tributad* | tributacao",
            "pt: tributos | imposto* | icms | despacho postal",
            "pt/es: pago | pagar",
            "es: pagado | impuesto* | arancel* | tributo | iva | esperando pago | pendiente de pago",
            "es: en espera de pago",
            "ru: оплат* | ожидает оплаты | ожидание оплаты | пошлин* | налог* | платеж*",
        ],
    ),
    (
        CustomsOutcome::ReleasedAfterDocuments,
        &[
            "en: docs | doc | paperwork | invoice | invoices | tax id | tax number | certificate* | licence | license",
            "en: permit | document* | awaiting document* | pending document*",
            "zh: 补充资料 | 待补充资料 | 补件 | 补资料 | 待补资料 | 要求提供文件 | 要求提供 | 提供资料 | 提供文件",
            "zh: 资料 | 文件 | 单证 | 发票 | 证书 | 税号",
            "pt: cpf | cnpj | aguardando document* | comprovante* | fatura | nota fiscal",
            "es: esperando document* | factura | rfc | rut | en espera de document* | pendiente de document*",
            "ru: документ* | ожидает документ* | инн | паспорт* | инвойс",
        ],
    ),
    (
        CustomsOutcome::Cleared,
        &[
            "en: cleared | released | release | clearance complete | clearance completed | clearance done",
            "en: clearance successful | passed customs | customs passed | duty free | tax free | delivered | no duty",
            "en: no duties | no tax | no charges",
            "codes: clr | clrd | rls | rel",
            "zh: 放行 | 清关完成 | 清关成功 | 清关完毕 | 清关结束 | 已清关 | 顺利清关 | 通关完成 | 通关成功 | 已通关",
            "zh: 免税 | 无需缴税 | 妥投 | 签收",
            "pt: liberad* | liberacao | desembaracad* | desembaraco concluido | fiscalizacao aduaneira finalizada",
            "pt: fiscalizacao concluida | isento | isenta | isento de impostos | sem tributacao | nao tributado",
            "pt: entregue",
            "es: despachad* | nacionalizad* | exento | exenta | exento de impuestos | sin impuestos | entregado",
            "ru: выпущен* | выпуск разрешен | растаможен* | таможенное оформление завершено | оформление завершено",
            "ru: оформлено | без пошлин* | вручено",
        ],
    ),
    (
        CustomsOutcome::Pending,
        &[
            "en: pending | in customs | at customs | in progress | processing | under review | under inspection",
            "en: inspection | held | hold | on hold | detained | detention | awaiting | waiting | customs clearance",
            "en: clearance | customs | stuck | delayed | delay",
            "codes: hld | pnd",
            "zh: 清关中 | 待清关 | 通关中 | 待放行 | 等待放行 | 查验 | 扣关 | 扣留 | 扣押 | 扣货 | 扣件 | 海关",
            "zh: 处理中 | 审核中 | 审查中 | 滞留 | 等待 | 异常 | 清关 | 通关 | 报关",
            "pt: em fiscalizacao | fiscalizacao | fiscalizacao aduaneira | retid* | retencao | aguardando | em analise",
            "pt: analise | pendente | em processo | alfandega | aduaneira | receita federal",
            "es: en aduana | aduana | retenid* | detenid* | pendiente | en proceso | en revision | inspeccion",
            "es: esperando | en espera",
            "ru: на таможне | таможн* | задержан* | задержк* | ожидает | в обработке | обработка | проверка | досмотр*",
            "ru: оформление",
        ],
    ),
];

/// `None` marks words that name both sides (`进出口`), which leave the side open.
const CHECKPOINT_PHRASES: &[(Option<Checkpoint>, &[&str])] = &[
    (None, &["en: import export | export import | import and export | export and import", "zh: 进出口"]),
    (
        Some(Checkpoint::Export),
        &[
            "en: export* | outbound | origin",
            "zh: 出口 | 始发国 | 始发地 | 起运国 | 发件国",
            "pt: origem",
            "es: origen",
            "ru: экспорт* | вывоз* | страна отправления | страны отправления",
        ],
    ),
    (
        Some(Checkpoint::Import),
        &[
            "en: import | imports | imported | importing | importer* | importation | inbound | destination",
            "zh: 进口 | 目的国 | 目的地",
            "pt: importacao",
            "pt/es: destino",
            "es: importacion | importad*",
            "ru: импорт* | ввоз* | страна назначения | страны назначения | страну назначения",
        ],
    ),
];

/// Words that make an event about customs even when its kind is not a customs step
/// (`Returned by customs`, `Возвращено таможней`).
const CUSTOMS_WORDS: &[((), &[&str])] = &[(
    (),
    &[
        "en: customs | clearance",
        "zh: 海关 | 清关 | 报关 | 通关",
        "pt: alfandega | aduaneir* | fiscalizacao | receita federal",
        "es: aduana* | aduaner*",
        "ru: таможн*",
    ],
)];

const EVENT_PHRASES: &[(EventKind, &[&str])] = &[
    (
        EventKind::Confiscated,
        &[
            "en: seized | seized by customs | confiscat* | seizure | forfeit* | destroyed by customs | impounded",
            "zh: 没收 | 罚没 | 查没 | 销毁 | 收缴",
            "pt: apreendid* | apreensao | confiscad* | perdimento",
            "es: decomis* | incautad* | incautacion | comiso",
            "ru: конфиск* | изъят*",
        ],
    ),
    (
        EventKind::Returned,
        &[
            "en: returned | return to sender | returning | return to origin | return | sent back | delivered to sender",
            "codes: rts | rto",
            "zh: 退回 | 退运 | 退件 | 退还 | 原路返回",
            "pt: devolvid* | devolucao | entregue ao remetente | retornad*",
            "es: devuelt* | devolucion | regresad* | retorno al remitente",
            "ru: возврат* | возвращ* | вручение отправителю | вручено отправителю",
        ],
    ),
    (
        EventKind::DeliveryAttempt,
        &[
            "en: delivery attempted | attempted delivery | delivery attempt | delivery failed | failed delivery",
            "en: unsuccessful delivery | delivery unsuccessful | not delivered | recipient not available",
            "en: recipient not home | addressee not available | addressee absent | delivery exception",
            "en: incorrect address | address incorrect | could not be delivered | unable to deliver | no one home",
            "zh: 投递失败 | 派送失败 | 派送不成功 | 投递不成功 | 未妥投 | 无人签收 | 无法派送 | 派送异常 | 收件人不在",
            "zh: 联系不上收件人 | 地址错误",
            "pt: carteiro nao atendido | nao entregue | destinatario ausente | tentativa de entrega",
            "pt: entrega nao efetuada | endereco incorreto | endereco insuficiente | mudou se | ausente",
            "es: entrega no realizada | entrega fallida | no entregado | no se pudo entregar | intento de entrega",
            "es: direccion incorrecta",
            "ru: неудачная попытка вручения | неудачная попытка доставки | попытка вручения",
            "ru: временное отсутствие адресата | адресат отсутствует | не вручено",
        ],
    ),
    (
        EventKind::Delivered,
        &[
            "en: delivered | delivery successful | successfully delivered | final delivery | signed by | signed for",
            "en: collected by recipient | collected by addressee | picked up by recipient | picked up by customer",
            "zh: 已签收 | 签收 | 妥投 | 已妥投 | 投递成功 | 派送成功 | 已送达 | 送达 | 已投递 | 代收 | 本人签收",
            "zh: 已取件",
            "pt: entregue | objeto entregue ao destinatario | entrega efetuada | entrega realizada",
            "es: entrega efectuada | entregado | entregada",
            "ru: вручение адресату | вручен* | получено адресатом | доставлено",
        ],
    ),
    (
        EventKind::OutForDelivery,
        &[
            "en: out for delivery | on vehicle for delivery | with delivery courier | with courier",
            "en: delivery in progress | available for pickup | available for collection | ready for pickup",
            "en: ready for collection | arrival at delivery office | arrived at delivery office | at delivery office",
            "zh: 派送中 | 正在派送 | 派件中 | 派件 | 派送 | 安排派送 | 投递中 | 开始派送 | 待签收 | 待取件",
            "pt: saiu para entrega | em rota de entrega | aguardando retirada | disponivel para retirada",
            "es: en reparto | en ruta de entrega | salio a reparto | disponible para recoger | listo para recoger",
            "es: disponible en oficina | en distribucion",
            "ru: передано почтальону | передано курьеру | прибыло в место вручения | место вручения | месте вручения",
            "ru: ожидает адресата | готово к выдаче",
        ],
    ),
    (
        EventKind::DocumentsRequested,
        &[
            "en: paperwork required | documentation required | tax id required | awaiting document*",
            "en: document* required | document* requested | document* needed | missing document*",
            "en: additional document* | provide document* | pending document* | document* pending",
            "en: request for document*",
            "zh: 需补充资料 | 补充资料 | 补资料 | 待补资料 | 待补充资料 | 补件 | 要求提供 | 需提供 | 需要提供",
            "zh: 提供资料 | 提供文件 | 补充文件 | 资料不全 | 缺少资料 | 缺资料 | 等待资料",
            "pt: aguardando document* | document* pendente* | envio de document* | apresentacao de document*",
            "pt: solicitacao de document* | document* solicitad* | falta de document*",
            "es: document* requerid* | se requiere* document* | falta* document* | esperando document*",
            "es: pendiente de document* | solicitud de document* | en espera de document*",
            "ru: требу* документ* | запрос документ* | предостав* документ* | необходим* документ* | ожидает документ*",
            "ru: требу* паспорт* | паспортные данные",
        ],
    ),
    (
        EventKind::PaymentRequested,
        &[
            "en: awaiting payment | payment required | payment requested | payment due | payment pending",
            "en: pending payment | duties due | taxes due | duty due | tax due | duties and taxes due | pay duties",
            "en: pay customs | duties owed | charges due | import charges due",
            "zh: 待缴税 | 需缴税 | 待付税 | 需付税 | 待缴费 | 需缴费 | 待支付 | 待付款 | 缴税通知 | 需要缴税 | 需缴纳",
            "zh: 待缴纳 | 税金待付 | 等待缴税 | 请缴税 | 请缴纳",
            "pt: taxad* | aguardando pagamento | pagamento pendente | tributad*",
            "es: pendiente de pago | pago pendiente | esperando pago | en espera de pago | pago requerido",
            "es: pago de impuestos | impuestos pendientes | debe pagar | pagar impuestos | pago de aranceles",
            "ru: требу* оплат* | ожидает оплат* | оплатите | необходимо оплатить | начислен* пошлин* | оплата пошлин*",
        ],
    ),
    (
        EventKind::CustomsReleased,
        &[
            "en: released by customs | customs released | released from customs | customs cleared | cleared customs",
            "en: cleared by customs | clearance complete | clearance completed | clearance processing complete",
            "en: clearance successful | import released | shipment release | released by the clearing agency",
            "en: customs release | released | cleared | payment confirmed | payment received | returned from customs",
            "en: return from customs | duties paid | taxes paid | duty paid | tax paid",
            "zh: 放行 | 清关完成 | 清关成功 | 清关完毕 | 清关结束 | 已清关 | 通关完成 | 已通关 | 通关成功 | 顺利清关",
            "zh: 已缴税 | 缴税完成 | 已付税 | 税金已付 | 税费已缴",
            "pt: fiscalizacao aduaneira finalizada | fiscalizacao finalizada | fiscalizacao concluida | liberad*",
            "pt: liberacao | desembaracad* | desembaraco concluido | pagamento confirmado | pagamento efetuado",
            "pt: pagamento realizado | pagamento aprovado | importacao autorizada",
            "es: despacho completado | pago confirmado | despachado por aduana | despacho aduanero completado",
            "es: nacionalizad* | pago recibido | aduana completada | aduana finalizada",
            "ru: выпущено с уплатой | выпущен* | таможенное оформление завершено | оформление завершено",
            "ru: выпуск разрешен | растаможен* | оплата получена | пошлина оплачена | оплачено",
        ],
    ),
    (
        EventKind::CustomsHeld,
        &[
            "en: held by customs | customs hold | held | hold | on hold | detained | detention | customs inspection",
            "en: inspection | customs delay | clearance delay | customs exception | clearance exception | retention",
            "zh: 海关查验 | 查验 | 扣关 | 海关扣留 | 扣留 | 扣押 | 扣件 | 扣货 | 海关滞留 | 滞留海关 | 清关异常",
            "zh: 海关异常 | 清关延误 | 清关延迟",
            "pt: retid* | retencao | importacao nao autorizada | em exigencia",
            "es: retencion | retenid* | detenid* | inspeccion",
            "ru: задержан* | досмотр* | осмотр* | отказ в выпуске",
        ],
    ),
    (
        EventKind::ExportCustoms,
        &[
            "en: export customs | export clearance | export declaration | customs export",
            "zh: 出口报关 | 报关 | 出口清关 | 出口海关 | 出口申报 | 已报关",
            "pt: despacho de exportacao | desembaraco de exportacao",
            "es: aduana de exportacion | despacho de exportacion",
        ],
    ),
    (
        EventKind::ImportCustomsIn,
        &[
            "en: customs clearance in progress | customs clearance | clearance in progress | clearance processing",
            "en: customs processing | in customs | at customs | arrived at customs | handed over to customs",
            "en: delivered to customs | submitted to customs | presented to customs | customs status updated",
            "en: clearance event | import clearance | import customs | awaiting clearance | awaiting customs clearance",
            "en: customs",
            "zh: 清关中 | 进口清关 | 清关 | 正在清关 | 待清关 | 海关处理中 | 交海关 | 移交海关 | 送交海关 | 到达海关",
            "zh: 海关 | 通关中 | 进口报关 | 进口申报",
            "pt: fiscalizacao aduaneira | em fiscalizacao | fiscalizacao | autoridade aduaneira | aduaneira",
            "pt: alfandega | receita federal | desembaraco",
            "es: aduanas | despacho aduanero | en proceso de aduana | proceso aduanero | tramite aduanero | en aduana",
            "es: aduana | entregado a aduana | control aduanero",
            "ru: таможенное оформление | передано таможне | таможн*",
        ],
    ),
    (
        EventKind::ArrivedDestination,
        &[
            "en: arrived at destination | arrived in destination | arrival at destination",
            "en: arrived in the destination country | destination country | flight arrived | import scan",
            "en: arrived at import | received at destination | inward office of exchange",
            "zh: 到达目的国 | 抵达目的国 | 目的国 | 目的地 | 航班到达 | 航班已到达 | 已到港 | 到港 | 落地",
            "pt: recebido pelos correios do brasil | chegada ao brasil | chegou ao brasil | chegada no brasil",
            "pt: chegou no brasil | chegada ao pais de destino | chegou ao pais de destino | recebido no brasil",
            "pt/es: pais de destino",
            "es: llegada a destino | llegada al pais de destino | llego al pais de destino | arribo al pais de destino",
            "es: recibido en el pais de destino | llegada al pais",
            "ru: прибыло в место международного обмена | прибыло на территорию рф | прибыло на территорию россии",
            "ru: прибыло в россию | импорт международной почты | прибыло в страну назначения",
        ],
    ),
    (
        EventKind::DepartedOrigin,
        &[
            "en: departed | departure | left origin | departed origin | dispatched from origin",
            "en: dispatched to destination | outward office of exchange | hand over to airline",
            "en: handed over to airline | delivered to airline | leaving from departure | left departure",
            "en: departure country | in transit to destination country",
            "zh: 离开始发地 | 离开 | 已发往目的国 | 发往目的国 | 航班起飞 | 已起飞 | 起飞 | 交航 | 已交航 | 离港",
            "zh: 出港 | 启运 | 已出库 | 出库",
            "pt: recebido na unidade de exportacao | saiu do pais de origem | saida do pais de origem",
            "pt: partiu do pais de origem",
            "pt/es: transito internacional",
            "es: en transito internacional | salida del pais de origen | salio del pais de origen",
            "es: salida internacional | enviado al pais de destino | en ruta hacia el pais de destino",
            "ru: покинуло место международного обмена | экспорт международной почты",
        ],
    ),
    (
        EventKind::PickedUp,
        &[
            "en: picked up | pickup | pick up | accepted | acceptance | collected | origin scan | posted | posting",
            "en: dropped off",
            "zh: 已揽收 | 揽收 | 揽件 | 已收件 | 收寄 | 已收寄 | 交寄 | 已交寄 | 已入库",
            "pt: objeto postado | postado | postagem | coletad*",
            "es: admitido | admision | recogido | recolectado | recibido en origen",
            "ru: принято в отделении связи | принято | принят | прием",
        ],
    ),
    (
        EventKind::InTransit,
        &[
            "en: in transit | transit | departure from inward office of exchange | arrived | arrival | processed",
            "en: processing | sorting | sorted | on the way | en route | transferred | handed over to carrier",
            "en: handed over to local | delivered to local courier | delivered to carrier | tendered to",
            "zh: 运输中 | 在途 | 转运 | 中转 | 运输途中 | 到达 | 已到达 | 分拣 | 发往 | 经转 | 运往 | 途中",
            "pt: em transito | encaminhad* | em transferencia | transferid* | em rota | chegada na unidade",
            "pt: recebido na unidade",
            "pt/es: transito",
            "es: en transito | en camino | en ruta | llegada | llego | salida | en centro de distribucion",
            "ru: в пути | прибыло | покинуло | сортировка | обработка | передано перевозчику",
        ],
    ),
];

const DOCUMENT_PHRASES: &[(DocumentKind, &[&str])] = &[
    (
        DocumentKind::CommercialInvoice,
        &[
            "en: commercial invoice | invoice* | vat invoice | proforma invoice | proforma",
            "zh: 发票 | 商业发票 | 形式发票",
            "pt: fatura* | fatura comercial | nota fiscal",
            "es: factura* | factura comercial",
            "ru: инвойс* | счет фактур* | коммерческий инвойс",
        ],
    ),
    (
        DocumentKind::PackingList,
        &[
            "en: packing list | packing slip",
            "zh: 装箱单 | 箱单",
            "pt: lista de embalagem | romaneio",
            "es: lista de empaque",
            "ru: упаковочный лист | пакинг лист",
        ],
    ),
    (
        DocumentKind::CertificateOfOrigin,
        &[
            "en: certificate of origin | origin certificate | form a | form e",
            "codes: co | c/o",
            "zh: 原产地证 | 产地证 | 原产地证明 | 原产地证书",
            "pt: certificado de origem",
            "es: certificado de origen",
            "ru: сертификат происхождения",
        ],
    ),
    (
        DocumentKind::CeCertificate,
        &[
            "en: ce | ce certificate | ce marking | ce mark | declaration of conformity",
            "pt: declaracao de conformidade | marcacao ce",
            "es: declaracion de conformidad | marcado ce",
        ],
    ),
    (DocumentKind::FccCertificate, &["en: fcc | fcc id"]),
    (DocumentKind::FdaRegistration, &["en: fda | prior notice"]),
    (DocumentKind::AnvisaAuthorization, &["en: anvisa"]),
    (
        DocumentKind::TaxId,
        &[
            "en: eori | ioss | pccc | vat number | vat id | vat | ein | tax id | tax number | taxpayer id | id card",
            "en: id number | passport | personal customs clearance code",
            "zh: 税号 | 身份证 | 身份证号 | 护照",
            "ko: 개인통관고유부호 | 통관고유부호",
            "pt: cpf | cnpj | passaporte",
            "es: nif | dni | cuit | cuil | nit | ruc | curp | rfc | rut | pasaporte",
            "ru: инн | паспорт* | паспортные данные",
            "tr: tc kimlik | kimlik",
        ],
    ),
    (
        DocumentKind::ImportLicence,
        &[
            "en: import licence | import license | import permit | licence | license | permit",
            "zh: 进口许可证 | 许可证 | 进口许可",
            "pt: licenca de importacao | licenca",
            "es: licencia de importacion | licencia",
            "ru: лицензи*",
        ],
    ),
    (
        DocumentKind::Msds,
        &[
            "en: msds | sds | safety data sheet | material safety data sheet",
            "zh: 化学品安全说明书 | 安全数据表",
            "pt: ficha de seguranca | fispq",
            "es: hoja de seguridad | hoja de datos de seguridad",
            "ru: паспорт безопасности",
        ],
    ),
    (
        DocumentKind::BatteryCertificate,
        &[
            "en: un38.3 | un 38.3 | battery certificate | battery report | battery test report | battery | un3480",
            "en: un3481 | un3090 | un3091",
            "zh: 电池证明 | 电池报告 | 电池鉴定 | 电池检测报告 | 电池",
            "pt: bateria",
            "pt/es: certificado de bateria",
            "ru: батаре* | аккумулятор*",
        ],
    ),
    (
        DocumentKind::ProductPhotos,
        &[
            "en: photo* | picture* | image* | product photos",
            "zh: 产品图片 | 产品照片 | 图片 | 照片 | 实物图 | 实拍图",
            "pt/es: foto*",
            "ru: фото* | снимк*",
        ],
    ),
    (
        DocumentKind::PaymentProof,
        &[
            "en: payment proof | proof of payment | payment receipt | payment screenshot | receipt",
            "en: transaction record",
            "zh: 付款证明 | 付款凭证 | 支付凭证 | 付款截图 | 支付截图 | 付款记录",
            "pt: comprovante de pagamento | comprovante de compra",
            "es: comprobante de pago | comprobante de compra",
            "ru: подтверждение оплаты | чек | квитанци*",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;
    use std::collections::HashMap;
    use CustomsOutcome as O;
    use DocumentKind as D;
    use EventKind as E;

    // --- outcomes -----------------------------------------------------------------------------

    #[rstest]
    #[case("已放行", O::Cleared)]
    #[case("海关放行", O::Cleared)]
    #[case("清关完成", O::Cleared)]
    #[case("清关成功，已派送", O::Cleared)]
    #[case("清關完成", O::Cleared)]
    #[case("清关中", O::Pending)]
    #[case("待清关", O::Pending)]
    #[case("海关查验", O::Pending)]
    #[case("扣关", O::Pending)]
    #[case("未放行", O::Pending)]
    #[case("没收", O::Confiscated)]
    #[case("海关罚没", O::Confiscated)]
    #[case("海关扣押后没收", O::Confiscated)]
    #[case("退回", O::Returned)]
    #[case("已退运", O::Returned)]
    #[case("查验后退回", O::Returned)]
    #[case("弃件", O::Abandoned)]
    #[case("客户放弃", O::Abandoned)]
    #[case("收件人拒收", O::Abandoned)]
    #[case("补充资料后放行", O::ReleasedAfterDocuments)]
    #[case("要求提供文件", O::ReleasedAfterDocuments)]
    #[case("补件", O::ReleasedAfterDocuments)]
    #[case("扣關，待補資料", O::ReleasedAfterDocuments)]
    #[case("缴税后放行", O::ReleasedAfterPayment)]
    #[case("已付税", O::ReleasedAfterPayment)]
    #[case("待缴税", O::ReleasedAfterPayment)]
    fn reads_chinese_outcomes(#[case] text: &str, #[case] expected: CustomsOutcome) {
        assert_eq!(classify_outcome(text), Some(expected), "{text}");
    }

    #[rstest]
    #[case("Cleared", O::Cleared)]
    #[case("CLEARED BY CUSTOMS", O::Cleared)]
    #[case("Released", O::Cleared)]
    #[case("CLR", O::Cleared)]
    #[case("customs clearance completed", O::Cleared)]
    #[case("Released, duty free", O::Cleared)]
    #[case("Held by customs, released", O::Cleared)]
    #[case("Seized", O::Confiscated)]
    #[case("SEIZED BY CUSTOMS!!", O::Confiscated)]
    #[case("Confiscated", O::Confiscated)]
    #[case("Returned to sender", O::Returned)]
    #[case("RTS", O::Returned)]
    #[case("Abandoned", O::Abandoned)]
    #[case("Refused by recipient", O::Abandoned)]
    #[case("Buyer refused to pay duties", O::Abandoned)]
    #[case("Documents requested", O::ReleasedAfterDocuments)]
    #[case("Cleared after documents", O::ReleasedAfterDocuments)]
    #[case("docs requested, then released", O::ReleasedAfterDocuments)]
    #[case("Taxes paid", O::ReleasedAfterPayment)]
    #[case("Released after payment of duties", O::ReleasedAfterPayment)]
    #[case("Pending", O::Pending)]
    #[case("In customs", O::Pending)]
    #[case("HOLD", O::Pending)]
    #[case("Held - awaiting inspection", O::Pending)]
    #[case("Detained", O::Pending)]
    #[case("not released yet", O::Pending)]
    #[case("Not yet released", O::Pending)]
    fn reads_english_outcomes(#[case] text: &str, #[case] expected: CustomsOutcome) {
        assert_eq!(classify_outcome(text), Some(expected), "{text}");
    }

    #[rstest]
    #[case("Liberado", O::Cleared)]
    #[case("Desembaraçado", O::Cleared)]
    #[case("Fiscalização aduaneira finalizada", O::Cleared)]
    #[case("Liberado sem tributação", O::Cleared)]
    #[case("Isento de impostos", O::Cleared)]
    #[case("Apreendido", O::Confiscated)]
    #[case("Apreensão", O::Confiscated)]
    #[case("Retido e apreendido", O::Confiscated)]
    #[case("Objeto apreendido por órgão de fiscalização", O::Confiscated)]
    #[case("Pena de perdimento", O::Confiscated)]
    #[case("Devolvido ao remetente", O::Returned)]
    #[case("Devolução", O::Returned)]
    #[case("Abandonado", O::Abandoned)]
    #[case("Recusado pelo destinatário", O::Abandoned)]
    #[case("Aguardando documentos", O::ReleasedAfterDocuments)]
    #[case("Documentação entregue, liberado", O::ReleasedAfterDocuments)]
    #[case("Aguardando pagamento", O::ReleasedAfterPayment)]
    #[case("Pago e liberado", O::ReleasedAfterPayment)]
    #[case("Taxado", O::ReleasedAfterPayment)]
    #[case("Em fiscalização", O::Pending)]
    #[case("Retido na alfândega", O::Pending)]
    #[case("Não liberado", O::Pending)]
    #[case("AGUARDANDO LIBERAÇÃO", O::Pending)]
    fn reads_portuguese_outcomes(#[case] text: &str, #[case] expected: CustomsOutcome) {
        assert_eq!(classify_outcome(text), Some(expected), "{text}");
    }

    #[rstest]
    #[case("Выпущено таможней", O::Cleared)]
    #[case("Выпущен", O::Cleared)]
    #[case("Таможенное оформление завершено", O::Cleared)]
    #[case("Растаможено", O::Cleared)]
    #[case("Конфисковано", O::Confiscated)]
    #[case("Изъято таможней", O::Confiscated)]
    #[case("Конфискация", O::Confiscated)]
    #[case("Возврат отправителю", O::Returned)]
    #[case("Возвращено", O::Returned)]
    #[case("Отказ от получения", O::Abandoned)]
    #[case("Невостребовано", O::Abandoned)]
    #[case("Требуются документы", O::ReleasedAfterDocuments)]
    #[case("Запрошен ИНН", O::ReleasedAfterDocuments)]
    #[case("Оплата пошлины", O::ReleasedAfterPayment)]
    #[case("Пошлина оплачена, выпущено", O::ReleasedAfterPayment)]
    #[case("Выпущено с уплатой пошлины", O::ReleasedAfterPayment)]
    #[case("На таможне", O::Pending)]
    #[case("Задержано таможней", O::Pending)]
    #[case("Таможенный досмотр", O::Pending)]
    #[case("Не выпущено", O::Pending)]
    #[case("Ожидает выпуска", O::Pending)]
    fn reads_russian_outcomes(#[case] text: &str, #[case] expected: CustomsOutcome) {
        assert_eq!(classify_outcome(text), Some(expected), "{text}");
    }

    #[rstest]
    #[case("Liberado por aduana", O::Cleared)]
    #[case("Despachado", O::Cleared)]
    #[case("Nacionalizado", O::Cleared)]
    #[case("Liberado, exento de impuestos", O::Cleared)]
    #[case("Decomisado", O::Confiscated)]
    #[case("Incautado por aduana", O::Confiscated)]
    #[case("Decomiso", O::Confiscated)]
    #[case("Devuelto al remitente", O::Returned)]
    #[case("Devolución", O::Returned)]
    #[case("Abandonado por el destinatario", O::Abandoned)]
    #[case("Rehusado", O::Abandoned)]
    #[case("Documentación requerida", O::ReleasedAfterDocuments)]
    #[case("Liberado tras presentar factura", O::ReleasedAfterDocuments)]
    #[case("Pago de impuestos, liberado", O::ReleasedAfterPayment)]
    #[case("Pagado", O::ReleasedAfterPayment)]
    #[case("En aduana", O::Pending)]
    #[case("Retenido", O::Pending)]
    #[case("En proceso", O::Pending)]
    #[case("No liberado", O::Pending)]
    #[case("Retenido en aduana - pendiente", O::Pending)]
    fn reads_spanish_outcomes(#[case] text: &str, #[case] expected: CustomsOutcome) {
        assert_eq!(classify_outcome(text), Some(expected), "{text}");
    }

    #[rstest]
    #[case("  ＣＬＲ  ", O::Cleared)]
    #[case("已放行 Released", O::Cleared)]
    #[case("【清关完成】", O::Cleared)]
    #[case("liberado!!!", O::Cleared)]
    #[case("退回/Returned to sender", O::Returned)]
    #[case("Devuelto (RTS)", O::Returned)]
    #[case("Retido 扣关", O::Pending)]
    #[case("Taxado - 缴税后放行", O::ReleasedAfterPayment)]
    #[case("SEIZED/没收", O::Confiscated)]
    #[case("Liberado\u{200b}", O::Cleared)]
    #[case("Libera\u{301}do", O::Cleared)]
    fn reads_mixed_and_noisy_outcomes(#[case] text: &str, #[case] expected: CustomsOutcome) {
        assert_eq!(classify_outcome(text), Some(expected), "{text}");
    }

    #[rstest]
    #[case("")]
    #[case("   ")]
    #[case("see email")]
    #[case("N/A")]
    #[case("123")]
    #[case("ok?")]
    #[case("---")]
    fn leaves_unknown_outcomes_to_the_user(#[case] text: &str) {
        assert_eq!(classify_outcome(text), None, "{text}");
    }

    #[test]
    fn outcome_flags_follow_their_definitions() {
        for outcome in CustomsOutcome::ALL {
            assert_eq!(outcome.is_known(), outcome != O::Pending);
            assert_eq!(outcome.is_detention(), !matches!(outcome, O::Cleared | O::Pending));
        }
    }

    // --- checkpoints --------------------------------------------------------------------------

    #[rstest]
    #[case("出口", Some(Checkpoint::Export))]
    #[case("出口报关", Some(Checkpoint::Export))]
    #[case("始发国海关", Some(Checkpoint::Export))]
    #[case("出", Some(Checkpoint::Export))]
    #[case("进口", Some(Checkpoint::Import))]
    #[case("进口清关", Some(Checkpoint::Import))]
    #[case("目的国清关", Some(Checkpoint::Import))]
    #[case("Export", Some(Checkpoint::Export))]
    #[case("EXP", Some(Checkpoint::Export))]
    #[case("Origin customs", Some(Checkpoint::Export))]
    #[case("import", Some(Checkpoint::Import))]
    #[case("IMP", Some(Checkpoint::Import))]
    #[case("Destination customs", Some(Checkpoint::Import))]
    #[case("Exportação", Some(Checkpoint::Export))]
    #[case("Importação", Some(Checkpoint::Import))]
    #[case("Destino", Some(Checkpoint::Import))]
    #[case("Экспорт", Some(Checkpoint::Export))]
    #[case("Экспортная таможня", Some(Checkpoint::Export))]
    #[case("Импорт", Some(Checkpoint::Import))]
    #[case("Exportación", Some(Checkpoint::Export))]
    #[case("Importación", Some(Checkpoint::Import))]
    #[case("进出口", None)]
    #[case("import/export", None)]
    #[case("important", None)]
    #[case("海关", None)]
    #[case("", None)]
    fn reads_checkpoints(#[case] text: &str, #[case] expected: Option<Checkpoint>) {
        assert_eq!(classify_checkpoint(text), expected, "{text}");
    }

    // --- events -------------------------------------------------------------------------------

    #[rstest]
    #[case("快件已揽收", E::PickedUp)]
    #[case("【深圳市】已揽收", E::PickedUp)]
    #[case("【广州国际】已收寄", E::PickedUp)]
    #[case("离开始发地", E::DepartedOrigin)]
    #[case("已发往目的国", E::DepartedOrigin)]
    #[case("航班已起飞", E::DepartedOrigin)]
    #[case("已交航", E::DepartedOrigin)]
    #[case("出口报关完成", E::ExportCustoms)]
    #[case("出口清关中", E::ExportCustoms)]
    #[case("出口海关放行", E::ExportCustoms)]
    #[case("到达目的国", E::ArrivedDestination)]
    #[case("航班已到达", E::ArrivedDestination)]
    #[case("清关中", E::ImportCustomsIn)]
    #[case("进口清关", E::ImportCustomsIn)]
    #[case("海关查验", E::CustomsHeld)]
    #[case("包裹被海关扣留", E::CustomsHeld)]
    #[case("需补充资料", E::DocumentsRequested)]
    #[case("待缴税", E::PaymentRequested)]
    #[case("清关完成", E::CustomsReleased)]
    #[case("海关已放行", E::CustomsReleased)]
    #[case("已缴税", E::CustomsReleased)]
    #[case("派送中", E::OutForDelivery)]
    #[case("投递失败，收件人不在", E::DeliveryAttempt)]
    #[case("未妥投", E::DeliveryAttempt)]
    #[case("已签收", E::Delivered)]
    #[case("已簽收", E::Delivered)]
    #[case("妥投", E::Delivered)]
    #[case("退回", E::Returned)]
    #[case("没收", E::Confiscated)]
    #[case("运输中", E::InTransit)]
    #[case("到达【广州转运中心】", E::InTransit)]
    fn reads_chinese_events(#[case] text: &str, #[case] expected: EventKind) {
        assert_eq!(classify_event(text), expected, "{text}");
    }

    #[rstest]
    #[case("Picked up", E::PickedUp)]
    #[case("Shipment picked up by courier", E::PickedUp)]
    #[case("Accepted by carrier", E::PickedUp)]
    #[case("Departed from facility", E::DepartedOrigin)]
    #[case("Flight departed", E::DepartedOrigin)]
    #[case("Handed over to airline", E::DepartedOrigin)]
    #[case("Export customs clearance completed", E::ExportCustoms)]
    #[case("Export clearance in progress", E::ExportCustoms)]
    #[case("Arrived at destination country", E::ArrivedDestination)]
    #[case("Arrival at inward office of exchange", E::ArrivedDestination)]
    #[case("Customs clearance in progress", E::ImportCustomsIn)]
    #[case("Handed over to customs", E::ImportCustomsIn)]
    #[case("Arrived at destination country, customs clearance in progress", E::ImportCustomsIn)]
    #[case("Held by customs", E::CustomsHeld)]
    #[case("Shipment on hold - customs inspection", E::CustomsHeld)]
    #[case("Awaiting documents", E::DocumentsRequested)]
    #[case("Documents required by customs", E::DocumentsRequested)]
    #[case("Awaiting payment of duties and taxes", E::PaymentRequested)]
    #[case("Duties and taxes due", E::PaymentRequested)]
    #[case("Released by customs", E::CustomsReleased)]
    #[case("Import customs clearance complete", E::CustomsReleased)]
    #[case("Released from customs hold", E::CustomsReleased)]
    #[case("Out for delivery", E::OutForDelivery)]
    #[case("Delivery attempted - recipient not available", E::DeliveryAttempt)]
    #[case("Package could not be delivered", E::DeliveryAttempt)]
    #[case("Delivered", E::Delivered)]
    #[case("Delivered, signed by: ZHANG", E::Delivered)]
    #[case("Returned to sender", E::Returned)]
    #[case("Seized by customs", E::Confiscated)]
    #[case("In transit", E::InTransit)]
    #[case("Arrived at sort facility", E::InTransit)]
    fn reads_english_events(#[case] text: &str, #[case] expected: EventKind) {
        assert_eq!(classify_event(text), expected, "{text}");
    }

    #[rstest]
    #[case("Objeto postado", E::PickedUp)]
    #[case("Objeto postado após o horário limite da unidade", E::PickedUp)]
    #[case("Objeto coletado", E::PickedUp)]
    #[case("Objeto recebido na unidade de exportação no país de origem", E::DepartedOrigin)]
    #[case("Objeto em trânsito - por favor aguarde", E::InTransit)]
    #[case("Objeto encaminhado", E::InTransit)]
    #[case("Objeto em transferência - por favor aguarde", E::InTransit)]
    #[case("Objeto recebido pelos Correios do Brasil", E::ArrivedDestination)]
    #[case("Chegada ao Brasil", E::ArrivedDestination)]
    #[case("Objeto encaminhado para fiscalização aduaneira", E::ImportCustomsIn)]
    #[case("Fiscalização aduaneira", E::ImportCustomsIn)]
    #[case("Informações enviadas para análise da autoridade aduaneira/órgãos anuentes", E::ImportCustomsIn)]
    #[case("Fiscalização aduaneira finalizada", E::CustomsReleased)]
    #[case("Objeto liberado sem tributação", E::CustomsReleased)]
    #[case("Pagamento confirmado", E::CustomsReleased)]
    #[case("Objeto retido pela fiscalização", E::CustomsHeld)]
    #[case("Importação não autorizada", E::CustomsHeld)]
    #[case("Aguardando documentos", E::DocumentsRequested)]
    #[case("Aguardando pagamento", E::PaymentRequested)]
    #[case("Aguardando pagamento do despacho postal", E::PaymentRequested)]
    #[case("Objeto saiu para entrega ao destinatário", E::OutForDelivery)]
    #[case("Objeto aguardando retirada no endereço indicado", E::OutForDelivery)]
    #[case("Objeto não entregue - carteiro não atendido", E::DeliveryAttempt)]
    #[case("Objeto entregue ao destinatário", E::Delivered)]
    #[case("Objeto devolvido ao remetente", E::Returned)]
    #[case("Objeto apreendido por órgão de fiscalização ou outro órgão anuente", E::Confiscated)]
    #[case("Em trânsito", E::InTransit)]
    fn reads_portuguese_events(#[case] text: &str, #[case] expected: EventKind) {
        assert_eq!(classify_event(text), expected, "{text}");
    }

    #[rstest]
    #[case("Принято в отделении связи", E::PickedUp)]
    #[case("Приём", E::PickedUp)]
    #[case("Покинуло место приёма", E::InTransit)]
    #[case("Покинуло место международного обмена", E::DepartedOrigin)]
    #[case("Экспорт международной почты", E::DepartedOrigin)]
    #[case("Прибыло в место международного обмена", E::ArrivedDestination)]
    #[case("Импорт международной почты", E::ArrivedDestination)]
    #[case("Прибыло на территорию РФ", E::ArrivedDestination)]
    #[case("Передано таможне", E::ImportCustomsIn)]
    #[case("Таможенное оформление", E::ImportCustomsIn)]
    #[case("Таможенное оформление завершено", E::CustomsReleased)]
    #[case("Выпущено таможней", E::CustomsReleased)]
    #[case("Экспортное таможенное оформление", E::ExportCustoms)]
    #[case("Задержано таможней", E::CustomsHeld)]
    #[case("Требуются документы", E::DocumentsRequested)]
    #[case("Требуются паспортные данные получателя", E::DocumentsRequested)]
    #[case("Требуется оплата таможенной пошлины", E::PaymentRequested)]
    #[case("Передано почтальону", E::OutForDelivery)]
    #[case("Прибыло в место вручения", E::OutForDelivery)]
    #[case("Ожидает адресата в месте вручения", E::OutForDelivery)]
    #[case("Неудачная попытка вручения", E::DeliveryAttempt)]
    #[case("Временное отсутствие адресата", E::DeliveryAttempt)]
    #[case("Вручение адресату", E::Delivered)]
    #[case("Вручение адресату почтальоном", E::Delivered)]
    #[case("Возврат отправителю", E::Returned)]
    #[case("Вручение отправителю", E::Returned)]
    #[case("Конфисковано", E::Confiscated)]
    #[case("В пути", E::InTransit)]
    #[case("Прибыло в сортировочный центр", E::InTransit)]
    fn reads_russian_events(#[case] text: &str, #[case] expected: EventKind) {
        assert_eq!(classify_event(text), expected, "{text}");
    }

    #[rstest]
    #[case("Admitido", E::PickedUp)]
    #[case("Envío admitido en oficina", E::PickedUp)]
    #[case("Recogido", E::PickedUp)]
    #[case("En tránsito internacional", E::DepartedOrigin)]
    #[case("Salida del país de origen", E::DepartedOrigin)]
    #[case("Aduana de exportación", E::ExportCustoms)]
    #[case("Llegada a destino", E::ArrivedDestination)]
    #[case("Llegada al país de destino", E::ArrivedDestination)]
    #[case("En proceso de aduana", E::ImportCustomsIn)]
    #[case("En aduana", E::ImportCustomsIn)]
    #[case("Entregado a aduana", E::ImportCustomsIn)]
    #[case("Retenido en aduana", E::CustomsHeld)]
    #[case("Documentación requerida", E::DocumentsRequested)]
    #[case("Pendiente de pago de impuestos", E::PaymentRequested)]
    #[case("Liberado por aduana", E::CustomsReleased)]
    #[case("Pago recibido", E::CustomsReleased)]
    #[case("En reparto", E::OutForDelivery)]
    #[case("Disponible para recoger en oficina", E::OutForDelivery)]
    #[case("Intento de entrega - destinatario ausente", E::DeliveryAttempt)]
    #[case("No entregado", E::DeliveryAttempt)]
    #[case("Entregado", E::Delivered)]
    #[case("Entregado al destinatario", E::Delivered)]
    #[case("Devuelto al remitente", E::Returned)]
    #[case("Decomisado por aduana", E::Confiscated)]
    #[case("En tránsito", E::InTransit)]
    #[case("En camino", E::InTransit)]
    fn reads_spanish_events(#[case] text: &str, #[case] expected: EventKind) {
        assert_eq!(classify_event(text), expected, "{text}");
    }

    #[rstest]
    #[case("派送中 Out for delivery", E::OutForDelivery)]
    #[case("Delivered 已签收", E::Delivered)]
    #[case("【Sao Paulo】Objeto entregue ao destinatário", E::Delivered)]
    #[case("CUSTOMS CLEARANCE IN PROGRESS!!!", E::ImportCustomsIn)]
    #[case("  ＩＮ  ＴＲＡＮＳＩＴ ", E::InTransit)]
    #[case("清關中", E::ImportCustomsIn)]
    fn reads_mixed_and_noisy_events(#[case] text: &str, #[case] expected: EventKind) {
        assert_eq!(classify_event(text), expected, "{text}");
    }

    #[rstest]
    #[case("")]
    #[case("Label created")]
    #[case("Shipping information received")]
    #[case("12345")]
    #[case("系统信息更新")]
    fn lists_unknown_events_as_other(#[case] text: &str) {
        assert_eq!(classify_event(text), E::Other, "{text}");
    }

    #[rstest]
    #[case("出口报关完成", None, None, None, Some(Checkpoint::Export))]
    #[case("Export customs clearance completed", Some("US"), Some("CN"), Some("US"), Some(Checkpoint::Export))]
    #[case("进口清关", Some("CN"), Some("CN"), Some("US"), Some(Checkpoint::Import))]
    #[case("Held by customs", Some("Brazil"), Some("CN"), Some("BR"), Some(Checkpoint::Import))]
    #[case("Held by customs", Some("China"), Some("CN"), Some("BR"), Some(Checkpoint::Export))]
    #[case("海关查验", Some("中国"), Some("CN"), Some("BR"), Some(Checkpoint::Export))]
    #[case("Выпущено таможней", Some("RU"), Some("CN"), Some("RU"), Some(Checkpoint::Import))]
    #[case("Выпущено таможней", Some("CN"), Some("CN"), Some("RU"), Some(Checkpoint::Export))]
    #[case("Выпущено таможней", None, None, None, None)]
    #[case("Customs clearance in progress", None, None, None, Some(Checkpoint::Import))]
    #[case("Customs clearance in progress", Some("CN"), Some("CN"), Some("US"), Some(Checkpoint::Export))]
    #[case("Aguardando pagamento", None, None, None, Some(Checkpoint::Import))]
    #[case("Returned by customs", Some("BR"), Some("CN"), Some("BR"), Some(Checkpoint::Import))]
    #[case("Returned to sender", Some("BR"), Some("CN"), Some("BR"), None)]
    #[case("Delivered", Some("BR"), Some("CN"), Some("BR"), None)]
    #[case("Held by customs", Some("HK"), Some("CN"), Some("BR"), None)]
    #[case("Held by customs", Some("Atlantis"), Some("CN"), Some("BR"), None)]
    #[case("Held by customs", Some("CN"), Some("CN"), Some("CN"), None)]
    fn tells_the_customs_side_of_an_event(
        #[case] text: &str,
        #[case] location: Option<&str>,
        #[case] origin: Option<&str>,
        #[case] destination: Option<&str>,
        #[case] expected: Option<Checkpoint>,
    ) {
        assert_eq!(event_customs_side(text, location, origin, destination), expected, "{text} at {location:?}");
    }

    // --- documents ----------------------------------------------------------------------------

    #[rstest]
    #[case("发票, 原产地证", &[D::CommercialInvoice, D::CertificateOfOrigin])]
    #[case("商业发票、装箱单", &[D::CommercialInvoice, D::PackingList])]
    #[case("请提供发票和装箱单", &[D::CommercialInvoice, D::PackingList])]
    #[case("发票等", &[D::CommercialInvoice])]
    #[case("CE证书", &[D::CeCertificate])]
    #[case("FCC认证", &[D::FccCertificate])]
    #[case("FDA注册", &[D::FdaRegistration])]
    #[case("税号", &[D::TaxId])]
    #[case("护照", &[D::TaxId])]
    #[case("进口许可证", &[D::ImportLicence])]
    #[case("MSDS", &[D::Msds])]
    #[case("电池证明/UN38.3", &[D::BatteryCertificate])]
    #[case("产品图片", &[D::ProductPhotos])]
    #[case("付款证明", &[D::PaymentProof])]
    #[case("CPF + invoice", &[D::CommercialInvoice, D::TaxId])]
    #[case("CE/FCC", &[D::CeCertificate, D::FccCertificate])]
    #[case("FCC ID + CE", &[D::CeCertificate, D::FccCertificate])]
    #[case("Commercial invoice and packing list", &[D::CommercialInvoice, D::PackingList])]
    #[case("VAT invoice", &[D::CommercialInvoice])]
    #[case("Certificate of origin (Form E)", &[D::CertificateOfOrigin])]
    #[case("C/O", &[D::CertificateOfOrigin])]
    #[case("EORI / IOSS number", &[D::TaxId])]
    #[case("TC Kimlik No", &[D::TaxId])]
    #[case("개인통관고유부호 (PCCC)", &[D::TaxId])]
    #[case("Proof of payment, product photos", &[D::ProductPhotos, D::PaymentProof])]
    #[case("UN 38.3 test summary", &[D::BatteryCertificate])]
    #[case("no invoice needed, CPF only", &[D::TaxId])]
    #[case("Anvisa", &[D::AnvisaAuthorization])]
    #[case("Autorização da ANVISA", &[D::AnvisaAuthorization])]
    #[case("CPF do destinatário", &[D::TaxId])]
    #[case("CNPJ", &[D::TaxId])]
    #[case("Fatura comercial e romaneio", &[D::CommercialInvoice, D::PackingList])]
    #[case("Comprovante de pagamento", &[D::PaymentProof])]
    #[case("Fotos do produto", &[D::ProductPhotos])]
    #[case("FISPQ e UN38.3", &[D::Msds, D::BatteryCertificate])]
    #[case("ИНН", &[D::TaxId])]
    #[case("Паспортные данные", &[D::TaxId])]
    #[case("Инвойс, фото товара", &[D::CommercialInvoice, D::ProductPhotos])]
    #[case("Паспорт безопасности", &[D::Msds])]
    #[case("RFC", &[D::TaxId])]
    #[case("RUT del destinatario", &[D::TaxId])]
    #[case("Factura comercial y lista de empaque", &[D::CommercialInvoice, D::PackingList])]
    #[case("Comprobante de pago", &[D::PaymentProof])]
    #[case("invoice; power of attorney", &[D::CommercialInvoice, D::Other])]
    #[case("授权书", &[D::Other])]
    #[case("documents", &[D::Other])]
    #[case("", &[])]
    #[case("  ", &[])]
    #[case("N/A", &[])]
    #[case("无", &[])]
    fn reads_requested_documents(#[case] text: &str, #[case] expected: &[DocumentKind]) {
        assert_eq!(classify_documents(text), expected, "{text}");
    }

    // --- the vocabulary itself ----------------------------------------------------------------

    fn assert_clean<K: Copy + PartialEq + std::fmt::Debug>(name: &str, vocab: &Vocab<K>) {
        let mut seen: HashMap<&str, K> = HashMap::new();
        for phrase in &vocab.phrases {
            assert!(phrase.head_len > 0, "{name}: {:?} is empty or starts with *", phrase.text);
            assert!(!phrase.text.contains("**"), "{name}: {:?}", phrase.text);
            if let Some(kind) = seen.insert(&phrase.text, phrase.kind) {
                panic!("{name}: {:?} is listed twice ({kind:?} and {:?})", phrase.text, phrase.kind);
            }
        }
    }

    #[test]
    fn phrase_tables_fold_cleanly_and_list_each_phrase_once() {
        assert_clean("outcomes", outcome_vocab());
        assert_clean("checkpoints", checkpoint_vocab());
        assert_clean("events", event_vocab());
        assert_clean("customs words", customs_word_vocab());
        assert_clean("documents", document_vocab());
    }

    #[test]
    fn every_phrase_line_names_its_language() {
        let languages = ["en", "codes", "zh", "ko", "pt", "pt/es", "es", "ru", "tr"];
        let lines = OUTCOME_PHRASES
            .iter()
            .flat_map(|(_, l)| l.iter())
            .chain(CHECKPOINT_PHRASES.iter().flat_map(|(_, l)| l.iter()))
            .chain(EVENT_PHRASES.iter().flat_map(|(_, l)| l.iter()))
            .chain(CUSTOMS_WORDS.iter().flat_map(|(_, l)| l.iter()))
            .chain(DOCUMENT_PHRASES.iter().flat_map(|(_, l)| l.iter()));
        for line in lines {
            let language = line.split_once(": ").map(|(tag, _)| tag);
            assert!(language.is_some_and(|l| languages.contains(&l)), "{line:?} has no language tag");
            assert!(!line.contains("||") && !line.ends_with(' '), "{line:?}");
        }
    }

    #[test]
    fn word_lists_are_written_folded() {
        for list in [NEGATIONS, AUXILIARIES, FILLER_WORDS, LIST_CONNECTORS] {
            for word in list {
                assert_eq!(fold(word, Fold::Words), *word);
            }
        }
        for word in NO_DOCUMENTS {
            assert_eq!(fold(word, Fold::List), *word);
        }
    }

    #[test]
    fn folds_case_widths_accents_scripts_and_punctuation() {
        assert_eq!(fold("  ＣＬＲ，Cleared!! ", Fold::Words), "clr cleared");
        assert_eq!(fold("Fiscalização — ALFÂNDEGA", Fold::Words), "fiscalizacao alfandega");
        assert_eq!(fold("Приём, ВЫПУЩЕНО", Fold::Words), "прием выпущено");
        assert_eq!(fold("清關　完成", Fold::Words), "清关 完成");
        assert_eq!(fold("CE / FCC、发票和装箱单", Fold::List), "ce|fcc|发票|装箱单");
        assert_eq!(fold("UN38.3", Fold::List), "un38 3");
    }

    #[test]
    fn serde_names_match_as_str() {
        for o in CustomsOutcome::ALL {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
        for c in Checkpoint::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for e in EventKind::ALL {
            assert_eq!(serde_json::to_value(e).unwrap(), e.as_str());
            let back: EventKind = serde_json::from_value(serde_json::json!(e.as_str())).unwrap();
            assert_eq!(back, e);
        }
        for (i, d) in DocumentKind::ALL.into_iter().enumerate() {
            assert_eq!(serde_json::to_value(d).unwrap(), d.as_str());
            assert_eq!(d as usize, i, "classify_documents indexes by discriminant");
        }
        assert_eq!(EVENT_PRIORITY.len() + 1, EventKind::ALL.len(), "every kind but Other is ranked");
    }

    #[test]
    fn reads_only_the_head_of_a_huge_cell() {
        let huge = "held by customs ".repeat(50_000);
        assert_eq!(classify_event(&huge), E::CustomsHeld);
        assert_eq!(classify_outcome(&huge), Some(O::Pending));
        assert_eq!(classify_documents(&"invoice, ".repeat(50_000)), [D::CommercialInvoice]);
    }

    proptest! {
        #[test]
        fn classifying_never_panics_on_any_string(text in any::<String>(), place in ".{0,8}") {
            let _ = classify_outcome(&text);
            let _ = classify_checkpoint(&text);
            let _ = classify_event(&text);
            let _ = classify_documents(&text);
            let _ = event_customs_side(&text, Some(&place), Some("CN"), Some(&place));
        }

        #[test]
        fn classifying_never_panics_on_vocabulary_soup(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("清关"), Just("未"), Just("not"), Just("не"), Just("*"), Just("|"), Just("，"),
                    Just("liberado"), Just("выпущен"), Just("ＣＬＲ"), Just("e\u{301}"), Just("c/o"), Just("待"),
                    Just(" "), Just("aguardando"), Just("document"), Just("🙂"),
                ],
                0..12,
            )
        ) {
            let text: String = words.concat();
            let _ = classify_outcome(&text);
            let _ = classify_event(&text);
            let _ = classify_documents(&text);
            let _ = classify_checkpoint(&text);
        }
    }
}
