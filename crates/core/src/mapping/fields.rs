//! The fields borderlens understands, per kind of dataset, with the header words (English
//! and Chinese) that name them in real exports.

use serde::{Deserialize, Serialize};

/// What a file holds; each kind has its own fields and analyses.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DatasetKind {
    /// One row per parcel or shipment.
    Shipments,
    /// Tracking events, one row per scan (long format: 17TRACK, AfterShip, forwarders).
    TrackingEvents,
    /// Shipments the seller plans to send, to assess their customs risk.
    PlannedShipments,
}

impl DatasetKind {
    pub const ALL: [DatasetKind; 3] =
        [DatasetKind::Shipments, DatasetKind::TrackingEvents, DatasetKind::PlannedShipments];

    pub fn as_str(self) -> &'static str {
        match self {
            DatasetKind::Shipments => "shipments",
            DatasetKind::TrackingEvents => "tracking_events",
            DatasetKind::PlannedShipments => "planned_shipments",
        }
    }
}

/// A field of a dataset. Serialised in snake_case (`ship_date`), the names the JSON export
/// and the mapping screen use.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    TrackingNumber,
    OrderId,
    ShipDate,
    DeliveredDate,
    TransitDays,
    PromisedDate,
    PromisedDays,
    Origin,
    Destination,
    Region,
    Carrier,
    Service,
    Weight,
    DeclaredValue,
    ShippingCost,
    HsCode,
    Status,
    CustomsOutcome,
    Checkpoint,
    HoldDays,
    DocumentsRequested,
    DutiesPaid,
    ExtraCost,
    Currency,
    ProductCategory,
    EventTime,
    EventText,
    EventLocation,
    EventCode,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::TrackingNumber => "tracking_number",
            Field::OrderId => "order_id",
            Field::ShipDate => "ship_date",
            Field::DeliveredDate => "delivered_date",
            Field::TransitDays => "transit_days",
            Field::PromisedDate => "promised_date",
            Field::PromisedDays => "promised_days",
            Field::Origin => "origin",
            Field::Destination => "destination",
            Field::Region => "region",
            Field::Carrier => "carrier",
            Field::Service => "service",
            Field::Weight => "weight",
            Field::DeclaredValue => "declared_value",
            Field::ShippingCost => "shipping_cost",
            Field::HsCode => "hs_code",
            Field::Status => "status",
            Field::CustomsOutcome => "customs_outcome",
            Field::Checkpoint => "checkpoint",
            Field::HoldDays => "hold_days",
            Field::DocumentsRequested => "documents_requested",
            Field::DutiesPaid => "duties_paid",
            Field::ExtraCost => "extra_cost",
            Field::Currency => "currency",
            Field::ProductCategory => "product_category",
            Field::EventTime => "event_time",
            Field::EventText => "event_text",
            Field::EventLocation => "event_location",
            Field::EventCode => "event_code",
        }
    }
}

/// How a field's cells are read.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// Free text, repeated values (carrier, service, status): dictionary-encoded.
    Category,
    /// An identifier, mostly distinct per row (tracking number, order id).
    Identifier,
    Date,
    Number,
    /// An amount of money, possibly with a currency symbol or code.
    Money,
    /// A country name or code, normalised to ISO 3166 alpha-2.
    Country,
    /// A promised delivery time written as days (`15`, `15-25个工作日`).
    PromiseDays,
    /// A customs tariff code; digits only, leading zeros kept.
    HsCode,
}

/// What happens to a row whose cell in this field cannot be read.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BadValue {
    /// The row cannot be used: it is listed as rejected.
    RejectRow,
    /// The row is kept without this value, and the value is listed as a warning.
    KeepRow,
}

/// One field of a dataset kind.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub field: Field,
    pub kind: ValueKind,
    pub bad_value: BadValue,
    /// Header names that mean this field, written as [`normalize_header`] leaves them.
    pub synonyms: &'static [&'static str],
    /// Weaker names: used only when nothing better is found, with lower confidence
    /// (an order date standing in for a ship date).
    pub fallbacks: &'static [&'static str],
}

/// The fields of a kind, in the order the mapping screen shows them.
pub fn catalogue(kind: DatasetKind) -> &'static [FieldSpec] {
    match kind {
        DatasetKind::Shipments => SHIPMENT_FIELDS,
        DatasetKind::TrackingEvents => EVENT_FIELDS,
        DatasetKind::PlannedShipments => PLANNED_FIELDS,
    }
}

/// The spec of one field of a kind.
pub fn spec(kind: DatasetKind, field: Field) -> Option<&'static FieldSpec> {
    catalogue(kind).iter().find(|s| s.field == field)
}

/// Lower-cases a header and drops spaces, punctuation and bracketed units' brackets, so
/// `Ship Date`, `ship_date`, `SHIP-DATE` and `发货日期 ` compare equal.
pub fn normalize_header(header: &str) -> String {
    header
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            // full-width ASCII to half-width
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

const SHIPMENT_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: Field::TrackingNumber,
        kind: ValueKind::Identifier,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "trackingnumber",
            "trackingno",
            "tracking",
            "trackingid",
            "trackingcode",
            "waybill",
            "waybillno",
            "waybillnumber",
            "awb",
            "awbno",
            "awbnumber",
            "parcelid",
            "parcelnumber",
            "shipmentid",
            "shipmentnumber",
            "consignmentnumber",
            "asndn",
            "运单号",
            "跟踪号",
            "追踪号",
            "物流单号",
            "快递单号",
            "运单编号",
            "跟踪单号",
            "物流跟踪号",
            "转单号",
            "服务商单号",
            "包裹号",
            "单号",
            "追踪编号",
        ],
        fallbacks: &["id", "number", "no", "编号"],
    },
    FieldSpec {
        field: Field::OrderId,
        kind: ValueKind::Identifier,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "orderid",
            "ordernumber",
            "orderno",
            "amazonorderid",
            "platformorderid",
            "poso",
            "purchaseorder",
            "orderitemid",
            "订单号",
            "订单编号",
            "平台订单号",
            "参考号",
            "客户单号",
            "客户订单号",
        ],
        fallbacks: &["reference", "ref"],
    },
    FieldSpec {
        field: Field::ShipDate,
        kind: ValueKind::Date,
        bad_value: BadValue::RejectRow,
        synonyms: &[
            "shipdate",
            "shippeddate",
            "shippingdate",
            "dateshipped",
            "shipon",
            "shippedon",
            "shipdatetime",
            "dispatchdate",
            "dispatchedon",
            "dispatchdatetime",
            "senddate",
            "pickupdate",
            "pickuptime",
            "handoverdate",
            "collectiondate",
            "shippingdatedateorders",
            "shippedat",
            "shiptime",
            "发货日期",
            "发货时间",
            "出库时间",
            "出库日期",
            "揽收时间",
            "揽收日期",
            "交运时间",
            "交运日期",
            "发运日期",
            "发运时间",
            "寄件时间",
            "寄件日期",
            "上网时间",
            "收货时间",
            "交货日期",
        ],
        fallbacks: &[
            "orderdate",
            "purchasedate",
            "orderpurchasetimestamp",
            "orderdatedateorders",
            "createdate",
            "createdat",
            "date",
            "下单时间",
            "下单日期",
            "订单日期",
            "创建时间",
            "日期",
            "posenttovendordate",
        ],
    },
    FieldSpec {
        field: Field::DeliveredDate,
        kind: ValueKind::Date,
        bad_value: BadValue::RejectRow,
        synonyms: &[
            "delivereddate",
            "deliverydate",
            "datedelivered",
            "deliveredon",
            "deliveredat",
            "deliverydatetime",
            "deliveredtime",
            "receiveddate",
            "receivedate",
            "signeddate",
            "poddate",
            "deliveredtoclientdate",
            "orderdeliveredcustomerdate",
            "actualdeliverydate",
            "妥投时间",
            "妥投日期",
            "签收日期",
            "签收时间",
            "送达时间",
            "送达日期",
            "派送成功时间",
            "实际送达日期",
            "实际签收时间",
            "到货日期",
        ],
        fallbacks: &["deliveryrecordeddate", "arrivaldate", "到达时间"],
    },
    FieldSpec {
        field: Field::TransitDays,
        kind: ValueKind::Number,
        bad_value: BadValue::RejectRow,
        synonyms: &[
            "transitdays",
            "transittime",
            "daysintransit",
            "deliverydays",
            "transittimedays",
            "daysforshippingreal",
            "actualtransitdays",
            "shippingdays",
            "leadtimedays",
            "时效",
            "运输天数",
            "妥投时效",
            "实际时效",
            "运输时效",
            "全程时效",
            "实际天数",
            "在途天数",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::PromisedDate,
        kind: ValueKind::Date,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "promiseddate",
            "promiseddeliverydate",
            "estimateddeliverydate",
            "expecteddeliverydate",
            "eta",
            "edd",
            "scheduleddeliverydate",
            "latestdeliverydate",
            "duedate",
            "orderestimateddeliverydate",
            "estimateddelivery",
            "预计送达日期",
            "预计送达时间",
            "预计妥投时间",
            "预计妥投日期",
            "承诺送达日期",
            "承诺送达时间",
            "最晚送达时间",
            "最晚送达日期",
            "预计到达时间",
            "预计到货日期",
        ],
        fallbacks: &["承诺时效"],
    },
    FieldSpec {
        field: Field::PromisedDays,
        kind: ValueKind::PromiseDays,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "promiseddays",
            "promisedtransit",
            "promisedtransitdays",
            "promisedtransittime",
            "sla",
            "sladays",
            "servicelevel",
            "servicelevelagreement",
            "referencetransittime",
            "estimatedtransittime",
            "estimatedtransitdays",
            "daysforshipmentscheduled",
            "scheduleddays",
            "deliverypromise",
            "承诺时效",
            "参考时效",
            "时效承诺",
            "预计时效",
            "标准时效",
            "承诺天数",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::Origin,
        kind: ValueKind::Country,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "origin",
            "origincountry",
            "fromcountry",
            "shipfrom",
            "shipfromcountry",
            "countryoforigin",
            "sendercountry",
            "departurecountry",
            "始发国",
            "发货国",
            "起运国",
            "发件国家",
            "寄件国家",
            "始发国家",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::Destination,
        kind: ValueKind::Country,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "destination",
            "destinationcountry",
            "destcountry",
            "shiptocountry",
            "shipcountry",
            "receivercountry",
            "recipientcountry",
            "consigneecountry",
            "tocountry",
            "deliverycountry",
            "country",
            "ordercountry",
            "目的国",
            "目的国家",
            "收件国家",
            "收件国",
            "收货国家",
            "目的地",
            "国家",
            "国家地区",
            "目的国家地区",
        ],
        fallbacks: &["customercountry", "market"],
    },
    FieldSpec {
        field: Field::Region,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "region",
            "state",
            "province",
            "shipstate",
            "destinationstate",
            "destinationregion",
            "orderstate",
            "shiptostate",
            "州",
            "省",
            "州省",
            "省州",
            "收件省州",
            "目的州",
            "地区",
        ],
        // The customer's state is the delivery state only when no order/ship-to state is given
        // (Olist has only `customer_state`; DataCo's `Customer State` is the buyer's home).
        fallbacks: &["customerstate", "orderregion", "city", "城市"],
    },
    FieldSpec {
        field: Field::Carrier,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "carrier",
            "forwarder",
            "freightforwarder",
            "logisticsprovider",
            "courier",
            "shippingcompany",
            "shippingcarrier",
            "3pl",
            "carriername",
            "logisticscompany",
            "物流商",
            "承运商",
            "货代",
            "物流公司",
            "快递公司",
            "物流服务商",
            "服务商",
            "承运人",
            "货代公司",
        ],
        fallbacks: &["managedby", "vendor"],
    },
    FieldSpec {
        field: Field::Service,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "service",
            "channel",
            "shippingservice",
            "servicelevelname",
            "shippingmode",
            "shipmode",
            "shipmentmode",
            "logisticschannel",
            "shippingmethod",
            "shipservicelevel",
            "servicetype",
            "shippingchannel",
            "物流渠道",
            "渠道",
            "运输方式",
            "物流产品",
            "渠道名称",
            "服务类型",
            "物流方式",
            "发货方式",
        ],
        fallbacks: &["mode", "product", "产品"],
    },
    FieldSpec {
        field: Field::Weight,
        kind: ValueKind::Number,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "weight",
            "weightkg",
            "weightkilograms",
            "grossweight",
            "chargeableweight",
            "actualweight",
            "parcelweight",
            "packageweight",
            "weightg",
            "weightlb",
            "weightlbs",
            "重量",
            "实重",
            "计费重",
            "包裹重量",
            "重量kg",
            "实重kg",
            "计费重量",
            "重量g",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::DeclaredValue,
        kind: ValueKind::Money,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "declaredvalue",
            "customsvalue",
            "declaredvalueusd",
            "valuedeclared",
            "lineitemvalue",
            "goodsvalue",
            "invoicevalue",
            "申报价值",
            "申报金额",
            "货值",
            "申报价值usd",
        ],
        fallbacks: &["value", "ordervalue", "orderproductsvalue", "价值"],
    },
    FieldSpec {
        field: Field::ShippingCost,
        kind: ValueKind::Money,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "shippingcost",
            "freight",
            "freightcost",
            "freightcostusd",
            "postage",
            "shippingfee",
            "logisticscost",
            "shippingcharge",
            "deliverycost",
            "orderfreightvalue",
            "运费",
            "物流费用",
            "运费元",
            "物流费",
            "运费金额",
            "总运费",
            "头程运费",
        ],
        fallbacks: &["cost", "fee", "费用", "金额"],
    },
    FieldSpec {
        field: Field::HsCode,
        kind: ValueKind::HsCode,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "hscode",
            "hs",
            "hstariffcode",
            "tariffcode",
            "customscode",
            "commoditycode",
            "harmonizedcode",
            "ncm",
            "海关编码",
            "hs编码",
            "商品编码",
            "海关商品编码",
            "税则号",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::Status,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "status",
            "trackingstatus",
            "deliverystatus",
            "shipmentstatus",
            "parcelstatus",
            "orderstatus",
            "状态",
            "物流状态",
            "包裹状态",
            "运单状态",
            "轨迹状态",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::CustomsOutcome,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "customsoutcome",
            "customsstatus",
            "customsresult",
            "clearancestatus",
            "clearanceresult",
            "clearanceoutcome",
            "customsclearancestatus",
            "customsclearanceresult",
            "importstatus",
            "清关状态",
            "清关结果",
            "海关状态",
            "海关结果",
            "清关情况",
            "清关处理结果",
            "海关处理结果",
            "statusaduaneiro",
            "situacaoaduaneira",
        ],
        fallbacks: &["customs", "海关", "清关"],
    },
    FieldSpec {
        field: Field::Checkpoint,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "checkpoint",
            "customscheckpoint",
            "customsside",
            "clearancetype",
            "clearanceside",
            "customstype",
            "关口",
            "清关环节",
            "报关类型",
            "进出口",
            "清关类型",
            "海关环节",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::HoldDays,
        kind: ValueKind::Number,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "holddays",
            "customsholddays",
            "daysheld",
            "detentiondays",
            "daysincustoms",
            "customsdays",
            "clearancedays",
            "holdtimedays",
            "扣关天数",
            "滞留天数",
            "清关天数",
            "查验天数",
            "海关滞留天数",
            "清关时长",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::DocumentsRequested,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "documentsrequested",
            "requireddocuments",
            "docsrequested",
            "missingdocuments",
            "documentsrequired",
            "requesteddocuments",
            "补充资料",
            "所需文件",
            "要求文件",
            "补件内容",
            "需补资料",
            "补充文件",
            "要求资料",
        ],
        fallbacks: &["documents", "文件"],
    },
    FieldSpec {
        field: Field::DutiesPaid,
        kind: ValueKind::Money,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "duties",
            "duty",
            "dutiespaid",
            "dutiesandtaxes",
            "taxes",
            "taxespaid",
            "importtax",
            "importduty",
            "importtaxes",
            "taxpaid",
            "关税",
            "税费",
            "进口税",
            "缴税金额",
            "关税金额",
            "税金",
        ],
        fallbacks: &["tax"],
    },
    FieldSpec {
        field: Field::ExtraCost,
        kind: ValueKind::Money,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "extracost",
            "extracosts",
            "additionalcost",
            "additionalcosts",
            "storagefee",
            "returnfreight",
            "penalty",
            "penalties",
            "surcharge",
            "customsfees",
            "extrafees",
            "额外费用",
            "仓储费",
            "退运费",
            "罚款",
            "杂费",
            "附加费",
            "额外成本",
        ],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::Currency,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &["currency", "currencycode", "declaredcurrency", "valuecurrency", "币种", "货币", "申报币种"],
        fallbacks: &[],
    },
    FieldSpec {
        field: Field::ProductCategory,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "category",
            "productcategory",
            "producttype",
            "goodscategory",
            "itemcategory",
            "品类",
            "产品类别",
            "类目",
            "商品类别",
            "产品分类",
            "商品分类",
            "货物类别",
        ],
        fallbacks: &["categoryname", "productcategoryname"],
    },
];

/// Planned shipments share the shipments' words for their fields.
const PLANNED_FIELDS: &[FieldSpec] = &[
    shipment_field(Field::OrderId), // the user's reference
    shipment_field(Field::Destination),
    shipment_field(Field::HsCode),
    shipment_field(Field::DeclaredValue),
    shipment_field(Field::Currency),
    shipment_field(Field::Carrier),
    shipment_field(Field::Service),
];

/// The shipments' spec of a field (at compile time).
const fn shipment_field(field: Field) -> FieldSpec {
    let mut i = 0;
    while i < SHIPMENT_FIELDS.len() {
        if SHIPMENT_FIELDS[i].field as u8 == field as u8 {
            return SHIPMENT_FIELDS[i];
        }
        i += 1;
    }
    panic!("not a shipments field")
}

const EVENT_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: Field::TrackingNumber,
        kind: ValueKind::Identifier,
        bad_value: BadValue::RejectRow,
        synonyms: &[
            "trackingnumber",
            "trackingno",
            "tracking",
            "trackingid",
            "trackingcode",
            "waybill",
            "waybillno",
            "awb",
            "awbno",
            "parcelid",
            "shipmentid",
            "运单号",
            "跟踪号",
            "追踪号",
            "物流单号",
            "快递单号",
            "运单编号",
            "单号",
            "转单号",
        ],
        fallbacks: &["number", "no", "id"],
    },
    FieldSpec {
        field: Field::EventTime,
        kind: ValueKind::Date,
        bad_value: BadValue::RejectRow,
        synonyms: &[
            "eventtime",
            "eventdate",
            "eventdatetime",
            "checkpointtime",
            "checkpointdate",
            "scantime",
            "scandate",
            "timestamp",
            "datetime",
            "time",
            "trackingtime",
            "轨迹时间",
            "事件时间",
            "发生时间",
            "处理时间",
            "时间",
            "扫描时间",
            "更新时间",
        ],
        fallbacks: &["date", "日期"],
    },
    FieldSpec {
        field: Field::EventText,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "event",
            "eventtext",
            "eventdescription",
            "description",
            "statusdescription",
            "details",
            "detail",
            "message",
            "trackingdetail",
            "trackingdetails",
            "checkpointmessage",
            "activity",
            "轨迹",
            "轨迹描述",
            "事件",
            "描述",
            "状态描述",
            "物流信息",
            "详情",
            "轨迹内容",
            "轨迹信息",
            "物流轨迹",
        ],
        fallbacks: &["status", "状态"],
    },
    FieldSpec {
        field: Field::EventLocation,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "location",
            "eventlocation",
            "place",
            "city",
            "checkpointlocation",
            "facility",
            "地点",
            "所在地",
            "位置",
            "轨迹地点",
            "所在城市",
            "处理地点",
        ],
        fallbacks: &["country", "国家"],
    },
    FieldSpec {
        field: Field::EventCode,
        kind: ValueKind::Category,
        bad_value: BadValue::KeepRow,
        synonyms: &[
            "statuscode",
            "eventcode",
            "code",
            "substatus",
            "tag",
            "checkpointcode",
            "状态码",
            "事件代码",
            "轨迹代码",
        ],
        fallbacks: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn normalises_headers_in_both_scripts() {
        assert_eq!(normalize_header(" Ship Date "), "shipdate");
        assert_eq!(normalize_header("SHIP_DATE"), "shipdate");
        assert_eq!(normalize_header("Weight (Kilograms)"), "weightkilograms");
        assert_eq!(normalize_header("发货日期 "), "发货日期");
        assert_eq!(normalize_header("运费（元）"), "运费元");
        assert_eq!(normalize_header("ＨＳ Ｃｏｄｅ"), "hscode");
    }

    #[test]
    fn planned_shipments_take_the_shipment_fields_they_name() {
        let fields: Vec<Field> = catalogue(DatasetKind::PlannedShipments).iter().map(|s| s.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::OrderId,
                Field::Destination,
                Field::HsCode,
                Field::DeclaredValue,
                Field::Currency,
                Field::Carrier,
                Field::Service
            ]
        );
    }

    #[test]
    fn synonyms_are_already_normalised_and_unique_per_kind() {
        for kind in DatasetKind::ALL {
            let mut seen = HashSet::new();
            for spec in catalogue(kind) {
                for s in spec.synonyms {
                    assert_eq!(&normalize_header(s), s, "{s} is not normalised");
                    assert!(seen.insert(*s), "{s} names two fields of {kind:?}");
                }
            }
        }
    }
}
