//! Schema version 1, frozen: the first workspace file layout. It held one customer table (row by
//! row, a few columns), the settings, and 5S snapshots. Version 2 stores every column, the
//! transaction log, notes and strategic exceptions, and reviews of several classifications.
//! [`migrate`] reads a version 1 file into the current model. Do not change these structs:
//! files written with them exist (`tests/fixtures/workspace/v1.tierwise`).

use super::dto::{CustomersDto, DataDto, FileDto, ReviewDto, SourceDto, StateDto};
use crate::classify::{five_s::FiveSClass, Class};
use crate::import::{Field, ImportOptions, ImportReport, Mapping};
use crate::model::Customer;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomerV1 {
    pub id: String,
    pub name: String,
    pub sales: f64,
    pub profit: Option<f64>,
    pub orders: Option<u32>,
    pub owner: Option<String>,
    pub region: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotEntryV1 {
    pub id: String,
    /// Index in [`FiveSClass::ALL`].
    pub class: u8,
    pub rating: Option<f64>,
    pub sales: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotV1 {
    pub label: String,
    pub entries: Vec<SnapshotEntryV1>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileV1 {
    pub name: String,
    pub settings_json: String,
    pub is_sample: bool,
    pub customers: Vec<CustomerV1>,
    pub snapshots: Vec<SnapshotV1>,
}

/// The columns a version 1 customer table had, as the mapping of the migrated source.
const HEADERS: [(&str, Field); 7] = [
    ("id", Field::CustomerId),
    ("name", Field::CustomerName),
    ("sales", Field::Amount),
    ("profit", Field::Profit),
    ("orders", Field::Orders),
    ("owner", Field::Owner),
    ("region", Field::Region),
];

/// Version 1 → version 2.
pub fn migrate(v1: FileV1) -> Result<FileDto, String> {
    let customers: Vec<Customer> = v1
        .customers
        .iter()
        .map(|c| Customer {
            id: c.id.clone(),
            name: c.name.clone(),
            sales: c.sales,
            profit: c.profit,
            orders: c.orders,
            attrs: crate::model::Attributes {
                owner: c.owner.clone(),
                region: c.region.clone(),
                ..Default::default()
            }
            .into(),
            ..Default::default()
        })
        .collect();
    let n = customers.len();
    let mapping = Mapping {
        headers: HEADERS.iter().map(|(h, _)| h.to_string()).collect(),
        fields: HEADERS.iter().map(|&(_, f)| Some(f)).collect(),
    };
    let report = ImportReport {
        file: format!("{} (format 1)", v1.name),
        rows_read: n,
        rows_used: n,
        header_row: 1,
        ..Default::default()
    };
    let master = (n > 0).then(|| SourceDto {
        shape: 0,
        mapping_json: serde_json::to_string(&mapping).unwrap_or_default(),
        options_json: serde_json::to_string(&ImportOptions::default()).unwrap_or_default(),
        report_json: serde_json::to_string(&report).unwrap_or_default(),
        header_signature: crate::import::table::header_signature(&mapping.headers),
        customers: CustomersDto::from_model(&customers),
        ..Default::default()
    });
    let names: std::collections::HashMap<&str, &str> = v1
        .customers
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let mut reviews = Vec::new();
    for s in &v1.snapshots {
        let mut r = ReviewDto {
            label: s.label.clone(),
            ..Default::default()
        };
        for e in &s.entries {
            if FiveSClass::ALL.get(e.class as usize).is_none() {
                return Err(format!("snapshot {:?}: unknown class {}", s.label, e.class));
            }
            r.id.push(e.id.clone());
            r.name
                .push(names.get(e.id.as_str()).copied().unwrap_or("").to_string());
            r.sales.push(e.sales);
            r.profit.push(None);
            r.abc.push(u8::MAX);
            r.tier.push(u8::MAX);
            r.five_s.push(e.class);
            r.rating.push(e.rating);
            r.flags.push(0);
            r.released.push(false);
        }
        reviews.push(r);
    }
    Ok(FileDto {
        state: StateDto {
            name: v1.name,
            settings_json: v1.settings_json,
            notes: Vec::new(),
            strategic: Vec::new(),
        },
        data: DataDto {
            master,
            log: None,
            is_sample: v1.is_sample,
        },
        reviews,
    })
}
