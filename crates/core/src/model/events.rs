//! Tracking events: one row per scan, the long format 17TRACK, AfterShip and forwarders
//! export. Validated and columnar like the shipments.

use crate::ingest::quality::RejectReason;
use crate::ingest::table::{Column, Table};
use crate::mapping::Field;
use crate::model::dict::{Dict, StrColumn};
use crate::model::Date;

/// Tracking events, one per index; every column has the same length.
#[derive(Debug, Clone, Default)]
pub struct Events {
    /// The source row of each event.
    pub rows: Vec<u64>,
    pub tracking: StrColumn,
    pub time: Vec<Date>,
    /// The event text as written ("海关查验", "Objeto entregue ao destinatário").
    pub text: Dict,
    pub location: Dict,
    pub code: Dict,
    pub mapped: Vec<Field>,
}

impl Events {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The event's text, or its status code when the text is empty.
    pub fn label(&self, i: usize) -> Option<&str> {
        self.text.get(i).or_else(|| self.code.get(i))
    }

    /// Builds the events from a loaded table, rejecting rows without a tracking number,
    /// a readable time, or any text or code.
    pub fn from_table(mut table: Table) -> (Events, Table) {
        let n = table.len();
        let times = table.dates(Field::EventTime).cloned().unwrap_or_else(|| vec![None; n]);
        let has_text = |t: &Table, f: Field, i: usize| match t.columns.get(&f) {
            Some(Column::Text(d)) => d.get(i).is_some(),
            _ => false,
        };
        let tracking_empty = |t: &Table, i: usize| match t.columns.get(&Field::TrackingNumber) {
            Some(Column::Ids(s)) => s.get(i).is_empty(),
            _ => true,
        };
        for (i, time) in times.iter().enumerate() {
            if tracking_empty(&table, i) {
                table.reject(i, Some(Field::TrackingNumber), String::new(), RejectReason::Missing);
            } else if time.is_none() {
                table.reject(i, Some(Field::EventTime), String::new(), RejectReason::Missing);
            } else if !has_text(&table, Field::EventText, i) && !has_text(&table, Field::EventCode, i) {
                table.reject(i, Some(Field::EventText), String::new(), RejectReason::Missing);
            }
        }
        let keep: Vec<bool> = (0..n).map(|i| table.is_kept(i)).collect();
        table.compact();
        let mut e = Events { mapped: table.headers.keys().copied().collect(), ..Events::default() };
        e.mapped.sort();
        e.rows = table.rows.clone();
        e.time = times.into_iter().zip(&keep).filter(|(_, k)| **k).map(|(t, _)| t.unwrap_or(Date(0))).collect();
        e.tracking = table.take_ids(Field::TrackingNumber);
        e.text = table.take_dict(Field::EventText);
        e.location = table.take_dict(Field::EventLocation);
        e.code = table.take_dict(Field::EventCode);
        (e, table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::table::{LoadSettings, TableLoader};
    use crate::mapping::{propose, DatasetKind};

    #[test]
    fn reads_a_17track_style_export() {
        let headers: Vec<String> = ["Tracking Number", "Event Time", "Event", "Location"].map(String::from).to_vec();
        let rows: &[&[&str]] = &[
            &["LP001", "2024-03-01 10:00", "Picked up", "Shenzhen"],
            &["LP001", "2024-03-20 08:00", "海关查验", "São Paulo"],
            &["", "2024-03-21", "Delivered", ""],
            &["LP001", "soon", "Delivered", ""],
            &["LP001", "2024-03-25", "Objeto entregue ao destinatário", "Curitiba"],
        ];
        let samples: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect();
        let mapping = propose(DatasetKind::TrackingEvents, &headers, &samples);
        assert_eq!(mapping.column(Field::EventText), Some(2));
        let mut loader = TableLoader::new(&mapping, &headers, LoadSettings::default());
        for (i, r) in rows.iter().enumerate() {
            loader.push(i as u64 + 2, r);
        }
        let (events, table) = Events::from_table(loader.finish());
        assert_eq!(events.len(), 3);
        assert_eq!(events.tracking.get(2), "LP001");
        assert_eq!(events.time[1].to_string(), "2024-03-20");
        assert_eq!(events.label(1), Some("海关查验"));
        assert_eq!(table.quality.rows_rejected, 2);
    }
}
