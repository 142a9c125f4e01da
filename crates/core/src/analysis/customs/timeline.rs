//! Parcel timelines from tracking events: the milestones of each tracking number, the
//! customs holds on each side, and the outcome the events tell.
//!
//! Events are classified once per distinct text (there are few), then each tracking
//! number's events are walked in time order (row order breaks ties within a day).

use super::vocab::{classify_event, event_customs_side, Checkpoint, CustomsOutcome, EventKind};
use crate::model::{Date, Events};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a tracking number's parcel went, and when.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    pub first_event: Option<Date>,
    pub picked_up: Option<Date>,
    pub departed_origin: Option<Date>,
    pub arrived_destination: Option<Date>,
    /// Entered import customs (or was first held there).
    pub import_customs_in: Option<Date>,
    /// Released by import customs.
    pub import_released: Option<Date>,
    pub out_for_delivery: Option<Date>,
    pub delivered: Option<Date>,
    /// The first hold, its side, and when it ended (release, return, seizure) if it did.
    pub hold: Option<Hold>,
    pub documents_requested: bool,
    pub payment_requested: bool,
    pub returned: bool,
    pub confiscated: bool,
}

/// A customs hold seen in the events.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hold {
    pub side: Checkpoint,
    pub from: Date,
    pub until: Option<Date>,
}

impl Hold {
    /// Whole days the parcel was held, if the hold ended.
    pub fn days(&self) -> Option<u32> {
        self.until.map(|u| u.days_since(self.from).max(0) as u32)
    }
}

impl Timeline {
    /// The customs outcome the events tell, if they tell one: a seizure or a return is
    /// final; a hold with a request for payment or documents that was released (or
    /// delivered) is "released after …"; a hold not yet over is pending; a parcel that went
    /// through import customs or was delivered without a hold was cleared.
    pub fn outcome(&self) -> Option<CustomsOutcome> {
        if self.confiscated {
            return Some(CustomsOutcome::Confiscated);
        }
        if self.returned && self.delivered.is_none() {
            return Some(CustomsOutcome::Returned);
        }
        let released = self.import_released.is_some() || self.delivered.is_some() || self.out_for_delivery.is_some();
        match self.hold {
            Some(h) if h.until.is_none() && !released => Some(CustomsOutcome::Pending),
            Some(_) if self.payment_requested => Some(CustomsOutcome::ReleasedAfterPayment),
            Some(_) => Some(CustomsOutcome::ReleasedAfterDocuments),
            None if self.payment_requested && released => Some(CustomsOutcome::ReleasedAfterPayment),
            None if self.documents_requested && released => Some(CustomsOutcome::ReleasedAfterDocuments),
            None if released => Some(CustomsOutcome::Cleared),
            None if self.import_customs_in.is_some() => Some(CustomsOutcome::Pending),
            None => None,
        }
    }
}

/// An event text no rule matched, with how often it occurs.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Unmatched {
    pub text: String,
    pub count: u64,
}

/// A tracking number's origin and destination, as ISO codes.
pub type Route<'r> = (Option<&'r str>, Option<&'r str>);

/// Timelines of every tracking number in the event datasets, and the texts nothing matched.
/// `route_of` gives a tracking number's origin and destination (from the shipments), which
/// tell on which side a customs event without telling wording happened.
pub fn timelines<'a, 'r>(
    datasets: &[&'a Events],
    route_of: &dyn Fn(&str) -> Route<'r>,
) -> (HashMap<&'a str, Timeline>, Vec<Unmatched>) {
    let mut unmatched: HashMap<&str, u64> = HashMap::new();
    // tracking → [(date, dataset, row)]
    let mut by_tracking: HashMap<&'a str, Vec<(Date, usize, usize)>> = HashMap::new();
    let kinds: Vec<Vec<EventKind>> =
        datasets.iter().map(|e| e.text.values.iter().map(|t| classify_event(t)).collect::<Vec<_>>()).collect();
    let code_kinds: Vec<Vec<EventKind>> =
        datasets.iter().map(|e| e.code.values.iter().map(|t| classify_event(t)).collect::<Vec<_>>()).collect();
    for (d, events) in datasets.iter().enumerate() {
        for i in 0..events.len() {
            by_tracking.entry(events.tracking.get(i)).or_default().push((events.time[i], d, i));
        }
    }
    let kind_of = |d: usize, i: usize| -> EventKind {
        let e = datasets[d];
        let text_code = e.text.codes[i];
        let from_text =
            if text_code == crate::model::dict::MISSING { EventKind::Other } else { kinds[d][text_code as usize] };
        if from_text != EventKind::Other {
            return from_text;
        }
        let code = e.code.codes[i];
        if code == crate::model::dict::MISSING {
            EventKind::Other
        } else {
            code_kinds[d][code as usize]
        }
    };

    let mut result = HashMap::with_capacity(by_tracking.len());
    for (tracking, mut list) in by_tracking {
        list.sort_by_key(|&(date, d, i)| (date, d, i));
        let (origin, destination) = route_of(tracking);
        let mut t = Timeline::default();
        for &(date, d, i) in &list {
            let kind = kind_of(d, i);
            t.first_event.get_or_insert(date);
            let e = datasets[d];
            let side = || event_customs_side(e.label(i).unwrap_or(""), e.location.get(i), origin, destination);
            match kind {
                EventKind::PickedUp => {
                    t.picked_up.get_or_insert(date);
                }
                EventKind::DepartedOrigin => {
                    t.departed_origin.get_or_insert(date);
                }
                EventKind::ExportCustoms | EventKind::InTransit | EventKind::DeliveryAttempt => {}
                EventKind::ArrivedDestination => {
                    t.arrived_destination.get_or_insert(date);
                }
                EventKind::ImportCustomsIn => {
                    t.import_customs_in.get_or_insert(date);
                }
                EventKind::CustomsHeld | EventKind::DocumentsRequested | EventKind::PaymentRequested => {
                    let side = side().unwrap_or(Checkpoint::Import);
                    if side == Checkpoint::Import {
                        t.import_customs_in.get_or_insert(date);
                    }
                    t.documents_requested |= kind == EventKind::DocumentsRequested;
                    t.payment_requested |= kind == EventKind::PaymentRequested;
                    if kind == EventKind::CustomsHeld {
                        if let Some(text) = e.label(i) {
                            // "Held by customs - documents requested" says both.
                            let lower = text.to_lowercase();
                            t.documents_requested |=
                                lower.contains("document") || lower.contains("资料") || lower.contains("documento");
                        }
                    }
                    if t.hold.is_none() {
                        t.hold = Some(Hold { side, from: date, until: None });
                    }
                }
                EventKind::CustomsReleased => {
                    let side = side().unwrap_or(Checkpoint::Import);
                    if side == Checkpoint::Import {
                        t.import_released.get_or_insert(date);
                    }
                    end_hold(&mut t, side, date);
                }
                EventKind::Returned => {
                    t.returned = true;
                    end_hold_any(&mut t, date);
                }
                EventKind::Confiscated => {
                    t.confiscated = true;
                    end_hold_any(&mut t, date);
                }
                EventKind::OutForDelivery => {
                    t.out_for_delivery.get_or_insert(date);
                    end_hold(&mut t, Checkpoint::Import, date);
                }
                EventKind::Delivered => {
                    t.delivered.get_or_insert(date);
                    end_hold(&mut t, Checkpoint::Import, date);
                }
                EventKind::Other => {
                    if let Some(text) = e.label(i) {
                        *unmatched.entry(text).or_default() += 1;
                    }
                }
            }
        }
        result.insert(tracking, t);
    }
    let mut unmatched: Vec<Unmatched> =
        unmatched.into_iter().map(|(text, count)| Unmatched { text: text.to_owned(), count }).collect();
    unmatched.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    (result, unmatched)
}

fn end_hold(t: &mut Timeline, side: Checkpoint, date: Date) {
    if let Some(h) = t.hold.as_mut().filter(|h| h.side == side && h.until.is_none()) {
        h.until = Some(date);
    }
}

fn end_hold_any(t: &mut Timeline, date: Date) {
    if let Some(h) = t.hold.as_mut().filter(|h| h.until.is_none()) {
        h.until = Some(date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::table::{LoadSettings, TableLoader};
    use crate::mapping::{propose, DatasetKind};

    fn events(rows: &[&[&str]]) -> Events {
        let headers: Vec<String> = ["Tracking Number", "Event Time", "Event", "Location"].map(String::from).to_vec();
        let samples: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let mapping = propose(DatasetKind::TrackingEvents, &headers, &samples);
        let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
        for (i, r) in rows.iter().enumerate() {
            loader.push(i as u64 + 2, r);
        }
        Events::from_table(loader.finish()).0
    }

    fn route(_: &str) -> (Option<&'static str>, Option<&'static str>) {
        (Some("CN"), Some("BR"))
    }

    #[test]
    fn a_brazilian_parcel_held_for_payment() {
        let e = events(&[
            &["LP1", "2024-03-01 09:00", "快件已揽收", "深圳"],
            &["LP1", "2024-03-02 03:00", "已离开深圳国际处理中心，发往目的国", "深圳"],
            &["LP1", "2024-03-20 11:00", "Objeto recebido pelos Correios do Brasil", "BR"],
            &["LP1", "2024-03-20 15:00", "Objeto encaminhado para fiscalização aduaneira", "BR"],
            &["LP1", "2024-03-21 09:00", "Aguardando pagamento", "BR"],
            &["LP1", "2024-03-30 16:00", "Fiscalização aduaneira finalizada", "BR"],
            &["LP1", "2024-04-02 08:00", "Objeto saiu para entrega ao destinatário", "BR"],
            &["LP1", "2024-04-03 13:00", "Objeto entregue ao destinatário", "BR"],
            &["LP1", "2024-04-03 14:00", "航班延误", "香港"],
        ]);
        let (timelines, unmatched) = timelines(&[&e], &route);
        let t = &timelines["LP1"];
        assert_eq!(t.picked_up.unwrap().to_string(), "2024-03-01");
        assert_eq!(t.arrived_destination.unwrap().to_string(), "2024-03-20");
        assert_eq!(t.import_customs_in.unwrap().to_string(), "2024-03-20");
        assert_eq!(t.import_released.unwrap().to_string(), "2024-03-30");
        assert_eq!(t.delivered.unwrap().to_string(), "2024-04-03");
        let hold = t.hold.unwrap();
        assert_eq!((hold.side, hold.days()), (Checkpoint::Import, Some(9)));
        assert_eq!(t.outcome(), Some(CustomsOutcome::ReleasedAfterPayment));
        assert_eq!(unmatched, vec![Unmatched { text: "航班延误".into(), count: 1 }]);
    }

    #[test]
    fn seizure_return_and_pending_holds() {
        let e = events(&[
            &["A", "2024-03-01", "Picked up", "Shenzhen"],
            &["A", "2024-03-10", "Прибыло в место международного обмена", "RU"],
            &["A", "2024-03-11", "Задержано таможней", "RU"],
            &["A", "2024-03-20", "Конфисковано таможней", "RU"],
            &["B", "2024-03-01", "Picked up", "Shenzhen"],
            &["B", "2024-03-12", "Retenido en aduana", "MX"],
            &["C", "2024-03-01", "快件已揽收", "深圳"],
            &["C", "2024-03-15", "Customs clearance in progress", "US"],
            &["C", "2024-03-16", "Released by customs", "US"],
            &["C", "2024-03-18", "Delivered", "US"],
            &["D", "2024-03-01", "出口海关查验", "深圳"],
            &["D", "2024-03-05", "退回发件人", "深圳"],
        ]);
        let (t, _) = timelines(&[&e], &|_| (Some("CN"), None));
        assert_eq!(t["A"].outcome(), Some(CustomsOutcome::Confiscated));
        assert_eq!(t["B"].outcome(), Some(CustomsOutcome::Pending));
        assert_eq!(t["C"].outcome(), Some(CustomsOutcome::Cleared));
        assert_eq!(t["D"].outcome(), Some(CustomsOutcome::Returned));
        assert_eq!(t["D"].hold.unwrap().side, Checkpoint::Export);
        assert_eq!(t["D"].hold.unwrap().days(), Some(4));
    }
}
