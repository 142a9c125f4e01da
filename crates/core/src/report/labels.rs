//! Column labels of exported tables in the user's language. Exports are files users keep,
//! so their headers follow the language the user chose; JSON keys stay English.

use serde::{Deserialize, Serialize};

/// The language of exported files.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// An English and a Chinese label.
pub type Label = (&'static str, &'static str);

pub fn pick(lang: Lang, label: Label) -> &'static str {
    match lang {
        Lang::En => label.0,
        Lang::Zh => label.1,
    }
}

pub const GROUP_COLUMNS: &[Label] = &[
    ("Origin", "始发国"),
    ("Destination", "目的国"),
    ("Carrier", "物流商"),
    ("Service", "渠道"),
    ("Shipments", "票数"),
    ("Delivered", "已妥投"),
    ("In transit", "在途"),
    ("P50 days", "P50 天数"),
    ("P75 days", "P75 天数"),
    ("P90 days", "P90 天数"),
    ("P95 days", "P95 天数"),
    ("Max days", "最长天数"),
    ("Mean days", "平均天数"),
    ("Std days", "标准差"),
    ("CV", "变异系数"),
    ("On-time rate", "准时率"),
    ("On-time 95% low", "准时率 95% 下限"),
    ("On-time 95% high", "准时率 95% 上限"),
    ("Mean days late", "平均延误天数"),
    ("Promise for 90%", "90% 可承诺天数"),
    ("Promise for 95%", "95% 可承诺天数"),
    ("Cost per parcel (USD)", "单票成本 (USD)"),
    ("Cost per kg (USD)", "每公斤成本 (USD)"),
    ("Stuck parcels", "疑似滞留"),
    ("Small sample", "样本少"),
];

pub const REJECTED_COLUMNS: &[Label] =
    &[("File", "文件"), ("Sheet", "工作表"), ("Row", "行号"), ("Column", "列"), ("Value", "值"), ("Reason", "原因")];

pub const DATASET_COLUMNS: &[Label] = &[
    ("File", "文件"),
    ("Sheet", "工作表"),
    ("Kind", "类型"),
    ("Rows read", "读取行数"),
    ("Rows used", "使用行数"),
    ("Rows rejected", "拒绝行数"),
    ("Blank rows", "空行"),
];

pub const SCORECARD_COLUMNS: &[Label] = &[
    ("Destination", "目的国"),
    ("Rank", "排名"),
    ("Carrier", "物流商"),
    ("Service", "渠道"),
    ("Shipments", "票数"),
    ("Delivered", "已妥投"),
    ("P50 days", "P50 天数"),
    ("P90 days", "P90 天数"),
    ("On-time rate", "准时率"),
    ("On-time 95% low", "准时率 95% 下限"),
    ("On-time 95% high", "准时率 95% 上限"),
];

pub const STUCK_COLUMNS: &[Label] = &[
    ("Row", "行号"),
    ("Tracking number", "运单号"),
    ("Origin", "始发国"),
    ("Destination", "目的国"),
    ("Carrier", "物流商"),
    ("Service", "渠道"),
    ("Ship date", "发货日期"),
    ("Age (days)", "已发出天数"),
    ("Group P95 (days)", "同组 P95 天数"),
];

pub const TREND_COLUMNS: &[Label] = &[
    ("Month", "月份"),
    ("Shipments", "票数"),
    ("Delivered", "已妥投"),
    ("P50 days", "P50 天数"),
    ("P90 days", "P90 天数"),
    ("Incomplete", "未完结"),
];

pub const SHEET_NAMES: &[Label] = &[
    ("Groups", "分组"),
    ("Scorecard", "物流商排名"),
    ("Stuck parcels", "疑似滞留"),
    ("Monthly trend", "月度趋势"),
    ("Datasets", "数据集"),
];

/// A rejection reason in words, for the rejected-rows CSV.
pub fn reject_reason(lang: Lang, reason: &crate::ingest::quality::RejectReason) -> String {
    use crate::ingest::quality::RejectReason as R;
    match (lang, reason) {
        (Lang::En, R::Missing) => "required value missing".into(),
        (Lang::Zh, R::Missing) => "缺少必填值".into(),
        (Lang::En, R::UnreadableDate) => "not a date".into(),
        (Lang::Zh, R::UnreadableDate) => "无法识别的日期".into(),
        (Lang::En, R::DateAgainstColumnOrder) => "date does not fit the column's day/month order".into(),
        (Lang::Zh, R::DateAgainstColumnOrder) => "日期与该列的日/月顺序不符".into(),
        (Lang::En, R::UnreadableNumber) => "not a number".into(),
        (Lang::Zh, R::UnreadableNumber) => "无法识别的数字".into(),
        (Lang::En, R::NegativeDays) => "negative days".into(),
        (Lang::Zh, R::NegativeDays) => "天数为负".into(),
        (Lang::En, R::DeliveredBeforeShipped { shipped, delivered }) => {
            format!("delivered ({delivered}) before shipped ({shipped})")
        }
        (Lang::Zh, R::DeliveredBeforeShipped { shipped, delivered }) => {
            format!("妥投日期 ({delivered}) 早于发货日期 ({shipped})")
        }
        (Lang::En, R::TooManyFields { found, expected }) => {
            format!("{found} cells in a row whose header has {expected} columns")
        }
        (Lang::Zh, R::TooManyFields { found, expected }) => format!("该行有 {found} 个单元格，表头只有 {expected} 列"),
    }
}
