//! Group keys across datasets: each dataset has its own dictionaries, so their codes are
//! translated once into one shared numbering before rows are grouped.

use crate::model::dict::{Dict, MISSING};
use crate::model::Shipments;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A field shipments can be grouped by.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum GroupField {
    Origin,
    Destination,
    Carrier,
    Service,
}

impl GroupField {
    pub const ALL: [GroupField; 4] =
        [GroupField::Origin, GroupField::Destination, GroupField::Carrier, GroupField::Service];

    pub fn slot(self) -> usize {
        self as usize
    }

    pub fn column(self, s: &Shipments) -> &Dict {
        match self {
            GroupField::Origin => &s.origin,
            GroupField::Destination => &s.destination,
            GroupField::Carrier => &s.carrier,
            GroupField::Service => &s.service,
        }
    }
}

/// A group: one shared id per grouping field, [`MISSING`] for "all".
pub type Key = [u32; 4];

/// Strings of all datasets under one numbering.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    values: Vec<String>,
}

impl Interner {
    pub fn id(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.ids.insert(value.to_owned(), id);
        self.values.push(value.to_owned());
        id
    }

    /// The id of a string already interned.
    pub fn lookup(&self, value: &str) -> Option<u32> {
        self.ids.get(value).copied()
    }

    pub fn value(&self, id: u32) -> Option<&str> {
        if id == MISSING {
            None
        } else {
            self.values.get(id as usize).map(String::as_str)
        }
    }
}

/// Computes each row's group key for one dataset.
pub struct KeyMaker {
    /// Per grouping slot: dataset code → shared id (None when that field is not grouped).
    remaps: [Option<Vec<u32>>; 4],
}

impl KeyMaker {
    pub fn new(s: &Shipments, fields: &[GroupField], interner: &mut Interner) -> KeyMaker {
        let mut remaps: [Option<Vec<u32>>; 4] = Default::default();
        for &f in fields {
            let dict = f.column(s);
            remaps[f.slot()] = Some(dict.values.iter().map(|v| interner.id(v)).collect());
        }
        KeyMaker { remaps }
    }

    pub fn key(&self, s: &Shipments, row: usize) -> Key {
        let mut key = [MISSING; 4];
        for f in GroupField::ALL {
            if let Some(remap) = &self.remaps[f.slot()] {
                let code = f.column(s).codes[row];
                key[f.slot()] = if code == MISSING { MISSING } else { remap[code as usize] };
            }
        }
        key
    }
}
