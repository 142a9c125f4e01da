//! Product listings (own and competitors') and their price history.

use crate::ingest::table::{MoneyColumn, Table};
use crate::mapping::Field;
use crate::model::dict::{Dict, StrColumn};
use crate::model::Date;

/// Listings, one per index.
#[derive(Debug, Clone, Default)]
pub struct Listings {
    pub rows: Vec<u64>,
    pub listing_id: StrColumn,
    pub title: StrColumn,
    pub price: MoneyColumn,
    pub list_price: MoneyColumn,
    /// NaN where unknown.
    pub rating: Vec<f64>,
    pub reviews: Vec<f64>,
    pub units_sold: Vec<f64>,
    pub seller: Dict,
    pub category: Dict,
    pub subcategory: Dict,
    pub listing_date: Vec<Option<Date>>,
    pub colour: Dict,
    pub size: Dict,
    pub tags: Dict,
    /// 1 for the seller's own listings, 0 for competitors', NaN when not said.
    pub is_own: Vec<f64>,
    pub mapped: Vec<Field>,
}

impl Listings {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn has(&self, field: Field) -> bool {
        self.mapped.contains(&field)
    }

    /// The finest category given for listing `i` (sub-category over category).
    pub fn category_of(&self, i: usize) -> Option<&str> {
        self.subcategory.get(i).or_else(|| self.category.get(i))
    }

    pub fn from_table(mut table: Table) -> (Listings, Table) {
        table.compact();
        let l = Listings {
            mapped: table.mapped_fields(),
            rows: table.rows.clone(),
            listing_id: table.take_ids(Field::ListingId),
            title: table.take_ids(Field::Title),
            price: table.take_money(Field::Price),
            list_price: table.take_money(Field::ListPrice),
            rating: table.take_numbers(Field::Rating),
            reviews: table.take_numbers(Field::ReviewCount),
            units_sold: table.take_numbers(Field::UnitsSold),
            seller: table.take_dict(Field::Seller),
            category: table.take_dict(Field::ProductCategory),
            subcategory: table.take_dict(Field::Subcategory),
            listing_date: table.take_dates(Field::ListingDate),
            colour: table.take_dict(Field::Colour),
            size: table.take_dict(Field::Size),
            tags: table.take_dict(Field::Tags),
            is_own: table.take_numbers(Field::IsOwn),
        };
        (l, table)
    }
}

/// Prices over time, one observation per index.
#[derive(Debug, Clone, Default)]
pub struct PriceHistory {
    pub rows: Vec<u64>,
    pub listing_id: StrColumn,
    pub date: Vec<Date>,
    pub price: MoneyColumn,
}

impl PriceHistory {
    pub fn from_table(mut table: Table) -> (PriceHistory, Table) {
        table.compact();
        let p = PriceHistory {
            rows: table.rows.clone(),
            listing_id: table.take_ids(Field::ListingId),
            date: table.take_dates(Field::PriceDate).into_iter().map(|d| d.unwrap_or(Date(0))).collect(),
            price: table.take_money(Field::Price),
        };
        (p, table)
    }
}
