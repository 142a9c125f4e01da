//! English and Simplified Chinese for every screen. Texts sit side by side at the place
//! they are used (`tr(lang, "Upload", "上传")`), so neither language can be forgotten;
//! labels shared by several screens live here.

use borderlens_core::error::{FileError, FileProblem};
use borderlens_core::ingest::quality::WarningKind;
use borderlens_core::ingest::sniff::BinaryKind;
use borderlens_core::mapping::requirements::Figure;
use borderlens_core::mapping::{DatasetKind, Field};
pub use borderlens_core::report::labels::Lang;

/// Picks the text for the language.
pub fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Picks between two owned texts.
pub fn trs(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

pub fn kind_name(lang: Lang, kind: DatasetKind) -> &'static str {
    match kind {
        DatasetKind::Shipments => tr(lang, "Shipments", "运单"),
        DatasetKind::TrackingEvents => tr(lang, "Tracking events", "物流轨迹"),
        DatasetKind::PlannedShipments => tr(lang, "Planned shipments", "计划发货"),
        DatasetKind::Orders => tr(lang, "Orders / sales", "订单 / 销售"),
        DatasetKind::Inventory => tr(lang, "Inventory snapshot", "库存快照"),
        DatasetKind::Capacity => tr(lang, "Warehouse capacity", "仓库库容"),
        DatasetKind::Inbound => tr(lang, "Inbound shipments", "入库在途"),
        DatasetKind::Listings => tr(lang, "Product listings", "商品链接"),
        DatasetKind::PriceHistory => tr(lang, "Price history", "价格历史"),
    }
}

pub fn field_name(lang: Lang, field: Field) -> &'static str {
    use Field::*;
    match field {
        TrackingNumber => tr(lang, "Tracking number", "运单号"),
        OrderId => tr(lang, "Order ID", "订单号"),
        ShipDate => tr(lang, "Ship date (handed to carrier)", "发货日期（交给承运商）"),
        DeliveredDate => tr(lang, "Delivered date", "妥投日期"),
        TransitDays => tr(lang, "Transit days", "运输天数"),
        PromisedDate => tr(lang, "Promised / estimated delivery date", "预计 / 承诺送达日期"),
        PromisedDays => tr(lang, "Promised days", "承诺时效（天）"),
        Origin => tr(lang, "Origin country", "始发国"),
        Destination => tr(lang, "Destination country", "目的国"),
        Region => tr(lang, "Destination region / state", "目的地州 / 省"),
        Carrier => tr(lang, "Carrier / forwarder", "物流商 / 货代"),
        Service => tr(lang, "Service / channel", "物流渠道"),
        Weight => tr(lang, "Weight", "重量"),
        DeclaredValue => tr(lang, "Declared value", "申报价值"),
        ShippingCost => tr(lang, "Shipping cost", "运费"),
        HsCode => tr(lang, "HS code", "海关编码"),
        Status => tr(lang, "Status", "状态"),
        CustomsOutcome => tr(lang, "Customs outcome", "清关结果"),
        Checkpoint => tr(lang, "Customs checkpoint (export / import)", "清关环节（出口 / 进口）"),
        HoldDays => tr(lang, "Customs hold days", "扣关天数"),
        DocumentsRequested => tr(lang, "Documents requested", "要求补充的资料"),
        DutiesPaid => tr(lang, "Duties and taxes paid", "已缴关税和税费"),
        ExtraCost => tr(lang, "Extra costs (storage, return, penalties)", "额外费用（仓储、退运、罚款）"),
        Currency => tr(lang, "Currency", "币种"),
        ProductCategory => tr(lang, "Product category", "产品类别"),
        EventTime => tr(lang, "Event time", "轨迹时间"),
        EventText => tr(lang, "Event text", "轨迹描述"),
        EventLocation => tr(lang, "Event location", "轨迹地点"),
        EventCode => tr(lang, "Status code", "状态码"),
        OrderDate => tr(lang, "Order date", "下单日期"),
        Sku => tr(lang, "SKU", "SKU"),
        Quantity => tr(lang, "Quantity", "数量"),
        UnitPrice => tr(lang, "Unit price", "单价"),
        ProductName => tr(lang, "Product name / description", "品名 / 描述"),
        CustomerId => tr(lang, "Customer ID", "客户编号"),
        Marketplace => tr(lang, "Marketplace / channel", "站点 / 渠道"),
        Warehouse => tr(lang, "Warehouse", "仓库"),
        OnHand => tr(lang, "On hand (sellable)", "可售库存"),
        Reserved => tr(lang, "Reserved", "预留"),
        InboundQuantity => tr(lang, "Inbound (shipped)", "在途（已发货）"),
        InboundWorking => tr(lang, "Inbound (working)", "在途（处理中）"),
        InboundReceiving => tr(lang, "Inbound (receiving)", "在途（接收中）"),
        UnitVolume => tr(lang, "Unit volume", "单件体积"),
        Asin => tr(lang, "ASIN / FNSKU", "ASIN / FNSKU"),
        CapacityUnits => tr(lang, "Capacity (units)", "库容（件）"),
        CapacityVolume => tr(lang, "Capacity (m³)", "库容（立方米）"),
        Eta => tr(lang, "Expected arrival (ETA)", "预计到仓日期"),
        ListingId => tr(lang, "Listing ID (ASIN, product ID)", "链接 ID（ASIN、商品 ID）"),
        Title => tr(lang, "Title", "标题"),
        Price => tr(lang, "Price", "售价"),
        ListPrice => tr(lang, "List / retail price", "原价 / 划线价"),
        Rating => tr(lang, "Rating", "评分"),
        ReviewCount => tr(lang, "Review count", "评论数"),
        UnitsSold => tr(lang, "Units sold / monthly sales", "销量 / 月销量"),
        Seller => tr(lang, "Seller / brand", "卖家 / 品牌"),
        Subcategory => tr(lang, "Sub-category", "子类目"),
        ListingDate => tr(lang, "Listing date", "上架日期"),
        Colour => tr(lang, "Colour", "颜色"),
        Size => tr(lang, "Size", "尺码"),
        Tags => tr(lang, "Tags / keywords", "标签 / 关键词"),
        IsOwn => tr(lang, "Own listing", "自有链接"),
        PriceDate => tr(lang, "Date", "日期"),
    }
}

pub fn outcome_name(lang: Lang, o: borderlens_core::analysis::customs::vocab::CustomsOutcome) -> &'static str {
    use borderlens_core::analysis::customs::vocab::CustomsOutcome::*;
    match o {
        Cleared => tr(lang, "Cleared", "顺利清关"),
        ReleasedAfterDocuments => tr(lang, "Released after documents", "补资料后放行"),
        ReleasedAfterPayment => tr(lang, "Released after payment", "缴税后放行"),
        Returned => tr(lang, "Returned", "退运"),
        Confiscated => tr(lang, "Confiscated", "没收"),
        Abandoned => tr(lang, "Abandoned", "弃件"),
        Pending => tr(lang, "Pending", "处理中"),
    }
}

pub fn checkpoint_name(lang: Lang, c: borderlens_core::analysis::customs::vocab::Checkpoint) -> &'static str {
    match c {
        borderlens_core::analysis::customs::vocab::Checkpoint::Export => tr(lang, "Export (origin)", "出口（始发国）"),
        borderlens_core::analysis::customs::vocab::Checkpoint::Import => {
            tr(lang, "Import (destination)", "进口（目的国）")
        }
    }
}

pub fn band_name(lang: Lang, b: borderlens_core::analysis::customs::de_minimis::ValueBand) -> &'static str {
    use borderlens_core::analysis::customs::de_minimis::ValueBand::*;
    match b {
        BelowDeMinimis => tr(lang, "at or below de minimis", "不超过免税额"),
        AboveDeMinimis => tr(lang, "above de minimis", "超过免税额"),
        Unknown => tr(lang, "value unknown", "价值未知"),
    }
}

pub fn document_name(lang: Lang, d: borderlens_core::analysis::customs::vocab::DocumentKind) -> &'static str {
    use borderlens_core::analysis::customs::vocab::DocumentKind::*;
    match d {
        CommercialInvoice => tr(lang, "Commercial invoice", "商业发票"),
        PackingList => tr(lang, "Packing list", "装箱单"),
        CertificateOfOrigin => tr(lang, "Certificate of origin", "原产地证"),
        CeCertificate => tr(lang, "CE certificate", "CE 证书"),
        FccCertificate => tr(lang, "FCC certificate", "FCC 认证"),
        FdaRegistration => tr(lang, "FDA registration", "FDA 注册"),
        AnvisaAuthorization => tr(lang, "ANVISA authorization", "ANVISA 许可"),
        TaxId => tr(lang, "Buyer's tax ID (CPF, ИНН, RFC…)", "收件人税号（CPF、ИНН、RFC 等）"),
        ImportLicence => tr(lang, "Import licence", "进口许可证"),
        Msds => tr(lang, "MSDS", "MSDS 安全数据表"),
        BatteryCertificate => tr(lang, "Battery certificate (UN38.3)", "电池证明（UN38.3）"),
        ProductPhotos => tr(lang, "Product photos", "产品图片"),
        PaymentProof => tr(lang, "Proof of payment", "付款证明"),
        Other => tr(lang, "Other documents", "其他资料"),
    }
}

pub fn leg_name(lang: Lang, l: borderlens_core::analysis::customs::legs::Leg) -> &'static str {
    use borderlens_core::analysis::customs::legs::Leg::*;
    match l {
        FirstMile => tr(lang, "First mile", "头程"),
        LineHaul => tr(lang, "Line haul", "干线"),
        Customs => tr(lang, "Customs", "清关"),
        LastMile => tr(lang, "Last mile", "尾程"),
    }
}

/// What a figure still needs, in words: "Promised date or Promised days".
pub fn missing_fields(lang: Lang, status: &borderlens_core::mapping::requirements::FigureStatus) -> String {
    let ways: &[Vec<Field>] =
        if status.alternatives.is_empty() { std::slice::from_ref(&status.missing) } else { &status.alternatives };
    ways.iter()
        .map(|way| way.iter().map(|f| field_name(lang, *f)).collect::<Vec<_>>().join(" + "))
        .collect::<Vec<_>>()
        .join(tr(lang, " or ", " 或 "))
}

pub fn figure_name(lang: Lang, figure: Figure) -> &'static str {
    match figure {
        Figure::TransitTime => tr(lang, "Transit time", "运输时效"),
        Figure::OnTimeRate => tr(lang, "On-time rate", "准时率"),
        Figure::RouteBreakdown => tr(lang, "Per destination", "按目的国"),
        Figure::CarrierScorecard => tr(lang, "Carrier scorecard", "物流商排名"),
        Figure::CostPerParcel => tr(lang, "Cost per parcel", "单票成本"),
        Figure::CostPerKg => tr(lang, "Cost per kg", "每公斤成本"),
        Figure::MonthlyTrend => tr(lang, "Monthly trend", "月度趋势"),
        Figure::StuckParcels => tr(lang, "Stuck parcels", "疑似滞留包裹"),
        Figure::DuplicateCheck => tr(lang, "Duplicate tracking numbers", "重复运单号检查"),
        Figure::CustomsOutcomes => tr(lang, "Customs outcome rates", "清关结果比例"),
        Figure::CustomsHoldTimes => tr(lang, "Customs hold times", "扣关时长"),
        Figure::CustomsCosts => tr(lang, "Cost of customs problems", "清关问题成本"),
        Figure::DocumentsRequested => tr(lang, "Documents requested", "被要求的资料"),
        Figure::ValueBands => tr(lang, "Risk by declared value vs de minimis", "按申报价值与免税额的风险"),
        Figure::TransitLegs => {
            tr(lang, "Transit legs (first mile, line haul, customs, last mile)", "分段时效（头程、干线、清关、尾程）")
        }
        Figure::CustomsFromEvents => tr(lang, "Customs holds from tracking events", "从轨迹识别的扣关"),
        Figure::PlannedRisk => tr(lang, "Customs risk of planned shipments", "计划发货的清关风险"),
        Figure::DemandHistory => tr(lang, "Weekly demand and forecast", "周需求与预测"),
        Figure::SkuForecast => tr(lang, "Forecast per SKU", "分 SKU 预测"),
        Figure::Revenue => tr(lang, "Revenue", "销售额"),
        Figure::StockPosition => tr(lang, "Stock position and replenishment", "库存与补货"),
        Figure::WarehouseVolume => tr(lang, "Warehouse volume", "仓库体积"),
        Figure::WarehouseCapacity => tr(lang, "Warehouse capacity", "仓库库容"),
        Figure::InboundArrivals => tr(lang, "Inbound arrivals", "入库到货"),
        Figure::NearDuplicates => tr(lang, "Look-alike listings", "同款链接"),
        Figure::PriceWar => tr(lang, "Price-war signals", "价格战信号"),
        Figure::SalesOpportunity => tr(lang, "Under-served niches", "供给不足的细分"),
        Figure::PriceTrend => tr(lang, "Price trends", "价格走势"),
    }
}

pub fn warning_name(lang: Lang, kind: WarningKind) -> &'static str {
    match kind {
        WarningKind::ValueIgnored => {
            tr(lang, "Values not understood (row kept without them)", "无法识别的值（该行保留，此值留空）")
        }
        WarningKind::TransitOver365 => tr(lang, "Transit longer than 365 days", "运输超过 365 天"),
        WarningKind::FutureDate => tr(lang, "Dates in the future", "未来日期"),
        WarningKind::DuplicateTracking => tr(lang, "Duplicate tracking numbers", "重复的运单号"),
        WarningKind::FewerFields => tr(lang, "Rows with fewer cells than the header", "单元格少于表头的行"),
        WarningKind::UnknownCountry => tr(lang, "Unknown countries", "未识别的国家"),
        WarningKind::FractionalDays => {
            tr(lang, "Transit days with fractions (rounded)", "带小数的运输天数（已四舍五入）")
        }
    }
}

fn binary_kind(lang: Lang, kind: BinaryKind) -> &'static str {
    match kind {
        BinaryKind::Pdf => tr(lang, "a PDF document", "PDF 文档"),
        BinaryKind::Image => tr(lang, "an image", "图片"),
        BinaryKind::Archive => tr(lang, "an archive (zip) without a spreadsheet", "不含表格的压缩包"),
        BinaryKind::Executable => tr(lang, "a program", "可执行程序"),
        BinaryKind::Unknown => tr(lang, "binary data", "二进制数据"),
    }
}

/// A clear sentence for a file that could not be used.
pub fn problem_message(lang: Lang, error: &FileError) -> String {
    let p = match &error.problem {
        FileProblem::Empty => tr(lang, "The file is empty.", "文件是空的。").to_owned(),
        FileProblem::NotATable { kind } => trs(
            lang,
            format!("This is {}, not a spreadsheet. Please choose a CSV, TSV, TXT, XLSX, XLS or ODS file.", binary_kind(lang, *kind)),
            format!("这是{}，不是表格。请选择 CSV、TSV、TXT、XLSX、XLS 或 ODS 文件。", binary_kind(lang, *kind)),
        ),
        FileProblem::UnreadableWorkbook { detail } => trs(
            lang,
            format!("The workbook could not be read; it may be damaged ({detail})."),
            format!("无法读取该工作簿，文件可能已损坏（{detail}）。"),
        ),
        FileProblem::Encrypted => tr(lang, "The workbook is password-protected. Save it without a password and try again.", "工作簿有密码保护。请另存为无密码文件后重试。").to_owned(),
        FileProblem::NoSheets => tr(lang, "The workbook has no sheet with data.", "工作簿中没有含数据的工作表。").to_owned(),
        FileProblem::SheetNotFound { sheet } => trs(lang, format!("There is no sheet named {sheet:?}."), format!("没有名为「{sheet}」的工作表。")),
        FileProblem::NoRows => tr(lang, "The file has a header but no data rows below it.", "文件只有表头，没有数据行。").to_owned(),
        FileProblem::NoUsableColumns { headers, .. } => trs(
            lang,
            format!(
                "None of the columns looks like shipment data (ship date, delivered date, tracking number, destination…). Columns found: {}.",
                headers.join(", ")
            ),
            format!("没有找到运单数据的列（发货日期、妥投日期、运单号、目的国等）。文件中的列：{}。", headers.join("、")),
        ),
        FileProblem::MappingNotUsable { missing } => trs(
            lang,
            format!(
                "Transit times need a ship date (or transit days). Missing: {}.",
                missing.iter().map(|f| field_name(Lang::En, *f)).collect::<Vec<_>>().join(", ")
            ),
            format!("计算时效需要发货日期（或运输天数）。缺少：{}。", missing.iter().map(|f| field_name(Lang::Zh, *f)).collect::<Vec<_>>().join("、")),
        ),
        FileProblem::ReadFailed { detail } => trs(lang, format!("The file could not be read ({detail})."), format!("无法读取文件（{detail}）。")),
        FileProblem::UnknownDataset => tr(lang, "This file is no longer open; please add it again.", "该文件已关闭，请重新添加。").to_owned(),
    };
    let place = match &error.sheet {
        Some(s) => format!("{} [{s}]", error.file),
        None => error.file.clone(),
    };
    if place.is_empty() {
        p
    } else {
        format!("{place}: {p}")
    }
}

/// A retail event's name.
pub fn event_name(lang: Lang, e: borderlens_core::analysis::inventory::calendar::RetailEvent) -> &'static str {
    use borderlens_core::analysis::inventory::calendar::RetailEvent::*;
    match e {
        BlackFriday => tr(lang, "Black Friday", "黑五"),
        CyberMonday => tr(lang, "Cyber Monday", "网一"),
        Christmas => tr(lang, "Christmas", "圣诞"),
        SinglesDay => tr(lang, "11.11", "双十一"),
        PrimeDay => tr(lang, "Prime Day", "Prime 会员日"),
    }
}

/// A forecasting method's name.
pub fn model_name(lang: Lang, m: borderlens_core::analysis::inventory::forecast::ModelKind) -> &'static str {
    use borderlens_core::analysis::inventory::forecast::ModelKind::*;
    match m {
        Zero => tr(lang, "no sales", "无销量"),
        MeanOfLast4 => tr(lang, "mean of the last 4 weeks", "近 4 周均值"),
        SeasonalNaive => tr(lang, "same week last year", "去年同周"),
        Ses => tr(lang, "exponential smoothing", "指数平滑"),
        DampedHolt => tr(lang, "damped trend (Holt)", "阻尼趋势（Holt）"),
        HoltWinters => tr(lang, "Holt-Winters with yearly season", "Holt-Winters 年季节性"),
    }
}

/// A SKU's risk level.
pub fn risk_name(lang: Lang, r: borderlens_core::analysis::inventory::Risk) -> &'static str {
    use borderlens_core::analysis::inventory::Risk::*;
    match r {
        High => tr(lang, "high", "高"),
        Medium => tr(lang, "medium", "中"),
        Low => tr(lang, "low", "低"),
        Unknown => tr(lang, "unknown", "未知"),
    }
}

/// What an inventory note tells the user.
pub fn inventory_note(lang: Lang, n: &borderlens_core::analysis::inventory::InventoryNote) -> String {
    use borderlens_core::analysis::inventory::InventoryNote::*;
    match n {
        NoInventory => tr(lang, "Add an inventory file (SKU, on hand) to see days of cover, stockout risk and warehouse fill.", "添加库存文件（SKU、在库数量）即可查看可售天数、断货风险和仓库占用。").into(),
        NoCapacity => tr(lang, "Add a warehouse capacity file to see over-capacity weeks; warehouses are projected without a limit.", "添加仓库库容文件即可查看爆仓周；目前按无上限预测。").into(),
        NoShipments { min_days, max_days } => trs(lang,
            format!("No shipments with transit times are loaded: lead times use your range of {min_days}–{max_days} days (change it below, or add shipments)."),
            format!("未加载含时效的运单：头程时效按您设定的 {min_days}–{max_days} 天计算（可在下方修改，或添加运单）。")),
        ShortHistory { weeks } => trs(lang,
            format!("Only {weeks} whole weeks of sales: no yearly seasonality; events use your uplifts or none."),
            format!("仅有 {weeks} 个完整周的销量：无法估计年度季节性；大促按您设定的系数或不加成。")),
        NoBacktest => tr(lang, "Too little history for a backtest (at least 9 weeks).", "历史太短，无法回测（至少 9 周）。").into(),
        BaselineUsed => tr(lang, "The model did not beat the simple baseline in the backtest, so the baseline's forecast is used.", "回测中模型没有胜过简单基准，因此采用基准预测。").into(),
        SkusCapped { shown, total } => trs(lang,
            format!("The table shows the {shown} busiest of {total} SKUs."),
            format!("表格显示 {total} 个 SKU 中最畅销的 {shown} 个。")),
        PeakDatePassed { peak_date } => trs(lang,
            format!("The in-stock date {peak_date} is not after the latest order date: pick a later peak date."),
            format!("到仓日期 {peak_date} 不晚于最后订单日期：请选择更晚的旺季日期。")),
        ChineseNewYear { from, to } => trs(lang,
            format!("The latest ship date fell in the Chinese New Year closure ({from} – {to}): it is moved to the last day before it."),
            format!("最晚发货日落在春节停工期（{from} 至 {to}）内：已提前到停工前一天。")),
        SnapshotInboundAssumed { days } => trs(lang,
            format!("The inventory file's inbound units have no date: they are assumed sellable in {days} days. Add an inbound file with ETAs for better figures."),
            format!("库存文件中的在途数量没有日期：假定 {days} 天后可售。添加含预计到达日期的入库文件可提高准确度。")),
    }
}

/// Formats a count with thousands separators.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate 0–1 as a percentage.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or("–".into(), |r| format!("{:.1}%", r * 100.0))
}

/// Days with one decimal, or a dash.
pub fn days(v: Option<f64>) -> String {
    v.map_or("–".into(), |d| if d.fract() == 0.0 { format!("{d:.0}") } else { format!("{d:.1}") })
}

/// Money in US dollars, with thousands separators.
pub fn usd(v: Option<f64>) -> String {
    v.map_or("–".into(), |d| {
        let cents = (d.abs() * 100.0).round() as u64;
        let sign = if d < 0.0 && cents > 0 { "-" } else { "" };
        format!("{sign}${}.{:02}", count(cents / 100), cents % 100)
    })
}

/// A country code with its name in the language (`BR · Brazil`); other text as is.
pub fn country(lang: Lang, value: Option<&str>) -> String {
    match value {
        None => tr(lang, "all", "全部").to_owned(),
        Some(v) => match borderlens_core::model::CountryCode::from_alpha2(v) {
            Some(code) if v.len() == 2 => {
                let name = match lang {
                    Lang::En => code.name_en(),
                    Lang::Zh => code.name_zh(),
                };
                format!("{v} · {name}")
            }
            _ => v.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_counts_and_rates() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(12), "12");
        assert_eq!(percent(Some(0.8766)), "87.7%");
        assert_eq!(days(Some(12.0)), "12");
        assert_eq!(days(Some(12.25)), "12.2");
        assert_eq!(usd(Some(12769.604)), "$12,769.60");
        assert_eq!(usd(Some(-3.5)), "-$3.50");
    }
}
