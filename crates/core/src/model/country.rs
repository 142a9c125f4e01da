//! Countries as sellers write them: ISO 3166-1 codes, names and aliases in English, Chinese,
//! Spanish and Portuguese, all read into one [`CountryCode`].
//!
//! Marketplace exports and forwarders' sheets name the destination country every way there is
//! (`BR`, `BRA`, `Brazil`, `Brasil`, `巴西`, `ＢＲ`), so analyses group by the code, and the UI
//! shows the names from this table.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// ISO 3166-1 alpha-2 code, uppercase ASCII.
///
/// Only codes in this module's table can be built (every assigned code plus `XK` for Kosovo),
/// so every value has names. `Debug` and `Display` print the code (`BR`), which keeps test
/// failures and logs readable.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// The country with this alpha-2 code (`"BR"`, also `"br"`), or `None` when the code is not
    /// assigned. `UK` is not a code (the code is `GB`); [`normalize_country`] reads it.
    pub fn from_alpha2(s: &str) -> Option<CountryCode> {
        let &[a, b] = s.as_bytes() else {
            return None;
        };
        let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
        index_of(code).map(|_| CountryCode(code))
    }

    /// The two-letter code, `"BR"`.
    pub fn as_str(&self) -> &'static str {
        self.country().alpha2
    }

    /// The three-letter code, `"BRA"`, for exports that want it.
    pub fn alpha3(&self) -> &'static str {
        self.country().alpha3
    }

    /// The English short name, `"Brazil"`.
    pub fn name_en(&self) -> &'static str {
        self.country().en
    }

    /// The Simplified Chinese name, `"巴西"`, as the sellers' own tools write it.
    pub fn name_zh(&self) -> &'static str {
        self.country().zh
    }

    fn from_alpha3(code: [u8; 3]) -> Option<CountryCode> {
        COUNTRIES.iter().find(|c| c.alpha3.as_bytes() == code).map(Country::code)
    }

    fn country(self) -> &'static Country {
        match index_of(self.0) {
            Some(i) => &COUNTRIES[i],
            None => unreachable!("a CountryCode is only built from the table"),
        }
    }
}

fn index_of(code: [u8; 2]) -> Option<usize> {
    COUNTRIES.binary_search_by(|c| c.alpha2.as_bytes().cmp(&code[..])).ok()
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        CountryCode::from_alpha2(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("{s:?} is not an ISO 3166-1 alpha-2 country code")))
    }
}

/// Reads a country as sellers write it: alpha-2 ("BR", "br"), alpha-3 ("BRA"), English names and
/// common aliases, Chinese names, Spanish and Portuguese names; case-, accent-, punctuation- and
/// whitespace-insensitive. None when unknown (the UI lists unknown values for the user to assign).
///
/// Input of exactly two (three) ASCII letters is tried as an alpha-2 (alpha-3) code first, then
/// as a name, so `UK` and `UAE` still work. Names compare after folding: lowercase, accents
/// off, full-width to half-width, Traditional Chinese characters to Simplified, punctuation and
/// spaces gone. Callers cache per distinct value; the name index is built once, on first use.
///
/// ```
/// use borderlens_core::model::country::{normalize_country, CountryCode};
///
/// let us = CountryCode::from_alpha2("US");
/// assert_eq!(normalize_country("EE. UU."), us);
/// assert_eq!(normalize_country("美國"), us);
/// assert_eq!(normalize_country("usa"), us);
/// assert_eq!(normalize_country("Côte d’Ivoire").unwrap().as_str(), "CI");
/// assert_eq!(normalize_country("ＢＲ").unwrap().name_zh(), "巴西");
/// assert_eq!(normalize_country("Atlantis"), None);
/// ```
pub fn normalize_country(s: &str) -> Option<CountryCode> {
    // Zero-width characters and a stray BOM ride along with pasted and exported cells.
    let s = s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
    if let Some(code) = as_code(s) {
        return Some(code);
    }
    let key = fold(s);
    if key.is_empty() {
        return None;
    }
    name_index().get(&key).copied()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Every country, in alpha-2 order, for the UI's "assign to" dropdown.
pub fn all_countries() -> impl Iterator<Item = CountryCode> {
    COUNTRIES.iter().map(Country::code)
}

/// The code when `s` is two or three ASCII letters (full-width too) naming an assigned code.
/// Punctuated forms (`U.S.`, `N/A`) are left to the names: `N/A` must not read as Namibia.
fn as_code(s: &str) -> Option<CountryCode> {
    let mut letters = [0u8; 3];
    let mut len = 0;
    for c in s.chars().map(half_width) {
        if !c.is_ascii_alphabetic() || len == letters.len() {
            return None;
        }
        letters[len] = c.to_ascii_uppercase() as u8;
        len += 1;
    }
    match len {
        2 => CountryCode::from_alpha2(std::str::from_utf8(&letters[..2]).ok()?),
        3 => CountryCode::from_alpha3(letters),
        _ => None,
    }
}

/// Folded name → code for every name and alias in the table, built on first use.
fn name_index() -> &'static HashMap<String, CountryCode> {
    static INDEX: OnceLock<HashMap<String, CountryCode>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for (key, code) in name_keys() {
            // The first claim wins; a test keeps the table free of competing claims.
            index.entry(key).or_insert(code);
        }
        index
    })
}

/// Every (folded name, code) pair the table claims, in table order, duplicates included.
fn name_keys() -> impl Iterator<Item = (String, CountryCode)> {
    COUNTRIES.iter().flat_map(|country| {
        let code = country.code();
        country.names().map(move |name| (fold(name), code))
    })
}

/// The key names are compared by: lowercase, Latin accents dropped, full-width ASCII made
/// half-width, Traditional Chinese characters made Simplified, every run of spaces and
/// punctuation removed, `&` read as `and`, the English words `the` dropped and `St`, `Rep`,
/// `Dem` spelt out. So `Côte d’Ivoire`, `COTE D IVOIRE` and `Cote-d'Ivoire` meet at
/// `cotedivoire`, and `EE. UU.` and `EEUU` at `eeuu`.
fn fold(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    let mut word = String::new();
    for c in s.chars() {
        for c in half_width(c).to_lowercase() {
            if c == '&' {
                end_word(&mut word, &mut key);
                key.push_str("and");
            } else if ('\u{300}'..='\u{36f}').contains(&c) {
                // A combining accent from decomposed input (or from lowercasing `İ`).
            } else if c.is_alphanumeric() {
                push_folded(c, &mut word);
            } else {
                end_word(&mut word, &mut key);
            }
        }
    }
    end_word(&mut word, &mut key);
    key
}

fn end_word(word: &mut String, key: &mut String) {
    key.push_str(match word.as_str() {
        "the" => "",
        "st" => "saint",
        "rep" => "republic",
        "dem" => "democratic",
        w => w,
    });
    word.clear();
}

/// Full-width ASCII (`ＢＲ`, `（`) and the ideographic space as their ASCII selves.
fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Pushes a lowercase letter without its accent, or a Chinese character in its Simplified
/// form. The Latin table covers the letters of European country names; the Chinese one the
/// Traditional characters of country names as Taiwan and Hong Kong write them.
fn push_folded(c: char, word: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
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
        'æ' => return word.push_str("ae"),
        'œ' => return word.push_str("oe"),
        'ß' => return word.push_str("ss"),
        'þ' => return word.push_str("th"),
        _ => simplified(c),
    };
    word.push(folded);
}

/// The Simplified form of the Traditional characters found in country names.
fn simplified(c: char) -> char {
    match c {
        '亞' => '亚',
        '倫' => '伦',
        '內' => '内',
        '別' => '别',
        '剛' => '刚',
        '區' => '区',
        '圖' => '图',
        '國' => '国',
        '堅' => '坚',
        '奧' => '奥',
        '岡' => '冈',
        '島' => '岛',
        '嶼' => '屿',
        '幾' => '几',
        '庫' => '库',
        '敘' => '叙',
        '時' => '时',
        '東' => '东',
        '歐' => '欧',
        '湯' => '汤',
        '澤' => '泽',
        '濟' => '济',
        '灣' => '湾',
        '爾' => '尔',
        '獅' => '狮',
        '瑪' => '玛',
        '眾' => '众',
        '約' => '约',
        '紐' => '纽',
        '紹' => '绍',
        '維' => '维',
        '緬' => '缅',
        '羅' => '罗',
        '羣' => '群',
        '義' => '义',
        '聖' => '圣',
        '聯' => '联',
        '脫' => '脱',
        '臘' => '腊',
        '臺' => '台',
        '與' => '与',
        '萊' => '莱',
        '萬' => '万',
        '葉' => '叶',
        '蓋' => '盖',
        '薩' => '萨',
        '蘇' => '苏',
        '蘭' => '兰',
        '衛' => '卫',
        '諾' => '诺',
        '貝' => '贝',
        '賓' => '宾',
        '賴' => '赖',
        '賽' => '赛',
        '贊' => '赞',
        '達' => '达',
        '錫' => '锡',
        '長' => '长',
        '門' => '门',
        '開' => '开',
        '陸' => '陆',
        '韓' => '韩',
        '頓' => '顿',
        '領' => '领',
        '馬' => '马',
        '魯' => '鲁',
        '鮮' => '鲜',
        '麗' => '丽',
        '麥' => '麦',
        '齊' => '齐',
        '來' => '来',
        '喬' => '乔',
        '屬' => '属',
        '愛' => '爱',
        '烏' => '乌',
        '盧' => '卢',
        '納' => '纳',
        '茲' => '兹',
        '華' => '华',
        _ => c,
    }
}

/// One row of the table. Names and aliases are stored as written; [`fold`] makes the keys.
struct Country {
    alpha2: &'static str,
    alpha3: &'static str,
    en: &'static str,
    zh: &'static str,
    es: &'static str,
    pt: &'static str,
    /// Other ways sellers write it, `|`-separated: official and World Bank/UN long forms,
    /// abbreviations, former names, other languages, Taiwan's Chinese names. Spellings that
    /// fold to a name already in the row (`Viet Nam`, `美國`) need no alias.
    aliases: &'static str,
}

impl Country {
    fn code(&self) -> CountryCode {
        let b = self.alpha2.as_bytes();
        CountryCode([b[0], b[1]])
    }

    /// The row's names and aliases, as written.
    fn names(&self) -> impl Iterator<Item = &'static str> {
        [self.en, self.zh, self.es, self.pt].into_iter().chain(self.aliases.split('|').filter(|a| !a.is_empty()))
    }
}

const fn row(
    alpha2: &'static str,
    alpha3: &'static str,
    en: &'static str,
    zh: &'static str,
    es: &'static str,
    pt: &'static str,
    aliases: &'static str,
) -> Country {
    Country { alpha2, alpha3, en, zh, es, pt, aliases }
}

/// ISO 3166-1 (plus Kosovo), sorted by alpha-2 for binary search.
/// Columns: alpha-2, alpha-3, English, Simplified Chinese, Spanish, Portuguese, aliases.
#[rustfmt::skip]
static COUNTRIES: [Country; 250] = [
    row("AD", "AND", "Andorra", "安道尔", "Andorra", "Andorra", ""),
    row("AE", "ARE", "United Arab Emirates", "阿联酋", "Emiratos Árabes Unidos", "Emirados Árabes Unidos", "UAE|U.A.E.|Emirates|EAU|阿拉伯联合酋长国|阿拉伯聯合大公國"),
    row("AF", "AFG", "Afghanistan", "阿富汗", "Afganistán", "Afeganistão", ""),
    row("AG", "ATG", "Antigua and Barbuda", "安提瓜和巴布达", "Antigua y Barbuda", "Antígua e Barbuda", "Antigua"),
    row("AI", "AIA", "Anguilla", "安圭拉", "Anguila", "Anguila", ""),
    row("AL", "ALB", "Albania", "阿尔巴尼亚", "Albania", "Albânia", ""),
    row("AM", "ARM", "Armenia", "亚美尼亚", "Armenia", "Armênia", "Arménia"),
    row("AO", "AGO", "Angola", "安哥拉", "Angola", "Angola", ""),
    row("AQ", "ATA", "Antarctica", "南极洲", "Antártida", "Antártida", "Antártica"),
    row("AR", "ARG", "Argentina", "阿根廷", "Argentina", "Argentina", "Argentine Republic|República Argentina"),
    row("AS", "ASM", "American Samoa", "美属萨摩亚", "Samoa Americana", "Samoa Americana", ""),
    row("AT", "AUT", "Austria", "奥地利", "Austria", "Áustria", "Österreich"),
    row("AU", "AUS", "Australia", "澳大利亚", "Australia", "Austrália", "澳洲|Commonwealth of Australia"),
    row("AW", "ABW", "Aruba", "阿鲁巴", "Aruba", "Aruba", ""),
    row("AX", "ALA", "Åland Islands", "奥兰群岛", "Islas Åland", "Ilhas Åland", "Åland"),
    row("AZ", "AZE", "Azerbaijan", "阿塞拜疆", "Azerbaiyán", "Azerbaijão", "亞塞拜然"),
    row("BA", "BIH", "Bosnia and Herzegovina", "波斯尼亚和黑塞哥维那", "Bosnia y Herzegovina", "Bósnia e Herzegovina", "Bosnia|Bosnia-Herzegovina|波黑|波斯尼亚|波士尼亞與赫塞哥維納"),
    row("BB", "BRB", "Barbados", "巴巴多斯", "Barbados", "Barbados", ""),
    row("BD", "BGD", "Bangladesh", "孟加拉国", "Bangladés", "Bangladesh", "孟加拉"),
    row("BE", "BEL", "Belgium", "比利时", "Bélgica", "Bélgica", "België|Belgique|Belgien"),
    row("BF", "BFA", "Burkina Faso", "布基纳法索", "Burkina Faso", "Burkina Faso", "布吉納法索"),
    row("BG", "BGR", "Bulgaria", "保加利亚", "Bulgaria", "Bulgária", ""),
    row("BH", "BHR", "Bahrain", "巴林", "Baréin", "Barein", "Bahrein"),
    row("BI", "BDI", "Burundi", "布隆迪", "Burundi", "Burundi", "蒲隆地"),
    row("BJ", "BEN", "Benin", "贝宁", "Benín", "Benin", "貝南"),
    row("BL", "BLM", "Saint Barthélemy", "圣巴泰勒米", "San Bartolomé", "São Bartolomeu", "Saint Barts|Saint Barths"),
    row("BM", "BMU", "Bermuda", "百慕大", "Bermudas", "Bermudas", ""),
    row("BN", "BRN", "Brunei", "文莱", "Brunéi", "Brunei", "Brunei Darussalam|汶萊"),
    row("BO", "BOL", "Bolivia", "玻利维亚", "Bolivia", "Bolívia", "Bolivia (Plurinational State of)|Plurinational State of Bolivia|Estado Plurinacional de Bolivia"),
    row("BQ", "BES", "Caribbean Netherlands", "荷兰加勒比区", "Caribe Neerlandés", "Países Baixos Caribenhos", "Bonaire, Sint Eustatius and Saba|Bonaire|Sint Eustatius|Saba|BES Islands"),
    row("BR", "BRA", "Brazil", "巴西", "Brasil", "Brasil", "Federative Republic of Brazil|República Federativa do Brasil"),
    row("BS", "BHS", "Bahamas", "巴哈马", "Bahamas", "Bahamas", ""),
    row("BT", "BTN", "Bhutan", "不丹", "Bután", "Butão", ""),
    row("BV", "BVT", "Bouvet Island", "布韦岛", "Isla Bouvet", "Ilha Bouvet", ""),
    row("BW", "BWA", "Botswana", "博茨瓦纳", "Botsuana", "Botsuana", "波札那"),
    row("BY", "BLR", "Belarus", "白俄罗斯", "Bielorrusia", "Bielorrússia", "Byelorussia|Belorussia|Belarús|Беларусь|Белоруссия"),
    row("BZ", "BLZ", "Belize", "伯利兹", "Belice", "Belize", "貝里斯"),
    row("CA", "CAN", "Canada", "加拿大", "Canadá", "Canadá", ""),
    row("CC", "CCK", "Cocos (Keeling) Islands", "科科斯（基林）群岛", "Islas Cocos", "Ilhas Cocos (Keeling)", "Cocos Islands|Keeling Islands"),
    row("CD", "COD", "Democratic Republic of the Congo", "刚果（金）", "República Democrática del Congo", "República Democrática do Congo", "Congo, DRC|DRC|DR Congo|Congo DR|Congo (Kinshasa)|Congo, Democratic Republic of the|Congo, Dem. Rep.|Dem. Rep. Congo|Zaire|RDC|RD Congo|刚果民主共和国|民主刚果"),
    row("CF", "CAF", "Central African Republic", "中非共和国", "República Centroafricana", "República Centro-Africana", "CAR|中非"),
    row("CG", "COG", "Congo", "刚果（布）", "Congo", "Congo", "Republic of the Congo|Congo Republic|Congo, Republic of the|Congo (Brazzaville)|República del Congo|República do Congo|刚果共和国|刚果"),
    row("CH", "CHE", "Switzerland", "瑞士", "Suiza", "Suíça", "Schweiz|Suisse|Svizzera|Swiss Confederation"),
    row("CI", "CIV", "Côte d'Ivoire", "科特迪瓦", "Costa de Marfil", "Costa do Marfim", "Ivory Coast|象牙海岸"),
    row("CK", "COK", "Cook Islands", "库克群岛", "Islas Cook", "Ilhas Cook", ""),
    row("CL", "CHL", "Chile", "智利", "Chile", "Chile", ""),
    row("CM", "CMR", "Cameroon", "喀麦隆", "Camerún", "Camarões", ""),
    row("CN", "CHN", "China", "中国", "China", "China", "PRC|P.R. China|People's Republic of China|China, People's Republic of|Mainland China|China Mainland|中国大陆|中国内地|大陆|内地|中华人民共和国|República Popular China|República Popular da China"),
    row("CO", "COL", "Colombia", "哥伦比亚", "Colombia", "Colômbia", ""),
    row("CR", "CRI", "Costa Rica", "哥斯达黎加", "Costa Rica", "Costa Rica", "哥斯大黎加"),
    row("CU", "CUB", "Cuba", "古巴", "Cuba", "Cuba", ""),
    row("CV", "CPV", "Cabo Verde", "佛得角", "Cabo Verde", "Cabo Verde", "Cape Verde|維德角"),
    row("CW", "CUW", "Curaçao", "库拉索", "Curazao", "Curaçao", ""),
    row("CX", "CXR", "Christmas Island", "圣诞岛", "Isla de Navidad", "Ilha Christmas", ""),
    row("CY", "CYP", "Cyprus", "塞浦路斯", "Chipre", "Chipre", "賽普勒斯"),
    row("CZ", "CZE", "Czechia", "捷克", "Chequia", "Tchéquia", "Czech Republic|Czech|República Checa|República Tcheca|Chéquia|捷克共和国|Česko"),
    row("DE", "DEU", "Germany", "德国", "Alemania", "Alemanha", "Deutschland|Federal Republic of Germany|Allemagne"),
    row("DJ", "DJI", "Djibouti", "吉布提", "Yibuti", "Djibuti", "吉布地"),
    row("DK", "DNK", "Denmark", "丹麦", "Dinamarca", "Dinamarca", "Danmark"),
    row("DM", "DMA", "Dominica", "多米尼克", "Dominica", "Dominica", "Commonwealth of Dominica"),
    row("DO", "DOM", "Dominican Republic", "多米尼加", "República Dominicana", "República Dominicana", "Rep. Dominicana|多米尼加共和国|多明尼加"),
    row("DZ", "DZA", "Algeria", "阿尔及利亚", "Argelia", "Argélia", "Algérie"),
    row("EC", "ECU", "Ecuador", "厄瓜多尔", "Ecuador", "Equador", "厄瓜多"),
    row("EE", "EST", "Estonia", "爱沙尼亚", "Estonia", "Estônia", "Estónia|Eesti"),
    row("EG", "EGY", "Egypt", "埃及", "Egipto", "Egito", "Egypt, Arab Rep.|Arab Republic of Egypt"),
    row("EH", "ESH", "Western Sahara", "西撒哈拉", "Sáhara Occidental", "Saara Ocidental", ""),
    row("ER", "ERI", "Eritrea", "厄立特里亚", "Eritrea", "Eritreia", "厄利垂亞"),
    row("ES", "ESP", "Spain", "西班牙", "España", "Espanha", "Espagne|Kingdom of Spain|Reino de España"),
    row("ET", "ETH", "Ethiopia", "埃塞俄比亚", "Etiopía", "Etiópia", "衣索比亞"),
    row("FI", "FIN", "Finland", "芬兰", "Finlandia", "Finlândia", "Suomi"),
    row("FJ", "FJI", "Fiji", "斐济", "Fiyi", "Fiji", ""),
    row("FK", "FLK", "Falkland Islands", "福克兰群岛", "Islas Malvinas", "Ilhas Malvinas", "Falkland Islands (Malvinas)|Falklands|Malvinas|马尔维纳斯群岛"),
    row("FM", "FSM", "Micronesia", "密克罗尼西亚联邦", "Micronesia", "Micronésia", "Federated States of Micronesia|Micronesia, Federated States of|Micronesia, Fed. Sts.|密克罗尼西亚"),
    row("FO", "FRO", "Faroe Islands", "法罗群岛", "Islas Feroe", "Ilhas Feroé", "Faroes|Faeroe Islands"),
    row("FR", "FRA", "France", "法国", "Francia", "França", "French Republic|République française|Frankreich"),
    row("GA", "GAB", "Gabon", "加蓬", "Gabón", "Gabão", "加彭"),
    row("GB", "GBR", "United Kingdom", "英国", "Reino Unido", "Reino Unido", "UK|U.K.|United Kingdom of Great Britain and Northern Ireland|Great Britain|Britain|England|Scotland|Wales|Northern Ireland|Gran Bretaña|Grã-Bretanha|Inglaterra|Escocia|Escócia|Gales|País de Gales|Irlanda del Norte|Irlanda do Norte|大不列颠|英格兰|苏格兰|威尔士|北爱尔兰|联合王国"),
    row("GD", "GRD", "Grenada", "格林纳达", "Granada", "Granada", ""),
    row("GE", "GEO", "Georgia", "格鲁吉亚", "Georgia", "Geórgia", "Sakartvelo|喬治亞"),
    row("GF", "GUF", "French Guiana", "法属圭亚那", "Guayana Francesa", "Guiana Francesa", ""),
    row("GG", "GGY", "Guernsey", "根西岛", "Guernsey", "Guernsey", "根西"),
    row("GH", "GHA", "Ghana", "加纳", "Ghana", "Gana", "迦納"),
    row("GI", "GIB", "Gibraltar", "直布罗陀", "Gibraltar", "Gibraltar", ""),
    row("GL", "GRL", "Greenland", "格陵兰", "Groenlandia", "Groenlândia", "Kalaallit Nunaat"),
    row("GM", "GMB", "Gambia", "冈比亚", "Gambia", "Gâmbia", "甘比亞"),
    row("GN", "GIN", "Guinea", "几内亚", "Guinea", "Guiné", "Guinea-Conakry|Guinée"),
    row("GP", "GLP", "Guadeloupe", "瓜德罗普", "Guadalupe", "Guadalupe", ""),
    row("GQ", "GNQ", "Equatorial Guinea", "赤道几内亚", "Guinea Ecuatorial", "Guiné Equatorial", ""),
    row("GR", "GRC", "Greece", "希腊", "Grecia", "Grécia", "Hellas|Hellenic Republic"),
    row("GS", "SGS", "South Georgia and the South Sandwich Islands", "南乔治亚和南桑威奇群岛", "Islas Georgias del Sur y Sandwich del Sur", "Ilhas Geórgia do Sul e Sandwich do Sul", "South Georgia"),
    row("GT", "GTM", "Guatemala", "危地马拉", "Guatemala", "Guatemala", "瓜地馬拉"),
    row("GU", "GUM", "Guam", "关岛", "Guam", "Guam", ""),
    row("GW", "GNB", "Guinea-Bissau", "几内亚比绍", "Guinea-Bisáu", "Guiné-Bissau", "幾內亞比索"),
    row("GY", "GUY", "Guyana", "圭亚那", "Guyana", "Guiana", "蓋亞那"),
    row("HK", "HKG", "Hong Kong", "中国香港", "Hong Kong", "Hong Kong", "香港|Hong Kong SAR|Hong Kong SAR, China|Hong Kong, China|HKSAR|Hong Kong Special Administrative Region|香港特别行政区|中国香港特别行政区|香港（中国）"),
    row("HM", "HMD", "Heard Island and McDonald Islands", "赫德岛和麦克唐纳群岛", "Islas Heard y McDonald", "Ilha Heard e Ilhas McDonald", ""),
    row("HN", "HND", "Honduras", "洪都拉斯", "Honduras", "Honduras", "宏都拉斯"),
    row("HR", "HRV", "Croatia", "克罗地亚", "Croacia", "Croácia", "Hrvatska|克羅埃西亞"),
    row("HT", "HTI", "Haiti", "海地", "Haití", "Haiti", ""),
    row("HU", "HUN", "Hungary", "匈牙利", "Hungría", "Hungria", "Magyarország"),
    row("ID", "IDN", "Indonesia", "印度尼西亚", "Indonesia", "Indonésia", "印尼"),
    row("IE", "IRL", "Ireland", "爱尔兰", "Irlanda", "Irlanda", "Republic of Ireland|Éire"),
    row("IL", "ISR", "Israel", "以色列", "Israel", "Israel", ""),
    row("IM", "IMN", "Isle of Man", "马恩岛", "Isla de Man", "Ilha de Man", ""),
    row("IN", "IND", "India", "印度", "India", "Índia", "Bharat|Republic of India"),
    row("IO", "IOT", "British Indian Ocean Territory", "英属印度洋领地", "Territorio Británico del Océano Índico", "Território Britânico do Oceano Índico", "Chagos Islands"),
    row("IQ", "IRQ", "Iraq", "伊拉克", "Irak", "Iraque", ""),
    row("IR", "IRN", "Iran", "伊朗", "Irán", "Irã", "Iran (Islamic Republic of)|Iran, Islamic Rep.|Islamic Republic of Iran|Irão|Persia"),
    row("IS", "ISL", "Iceland", "冰岛", "Islandia", "Islândia", "Ísland"),
    row("IT", "ITA", "Italy", "意大利", "Italia", "Itália", "Italian Republic|義大利"),
    row("JE", "JEY", "Jersey", "泽西岛", "Jersey", "Jersey", "泽西"),
    row("JM", "JAM", "Jamaica", "牙买加", "Jamaica", "Jamaica", ""),
    row("JO", "JOR", "Jordan", "约旦", "Jordania", "Jordânia", ""),
    row("JP", "JPN", "Japan", "日本", "Japón", "Japão", "Nippon|Nihon"),
    row("KE", "KEN", "Kenya", "肯尼亚", "Kenia", "Quênia", "Quénia|肯亞"),
    row("KG", "KGZ", "Kyrgyzstan", "吉尔吉斯斯坦", "Kirguistán", "Quirguistão", "Kyrgyz Republic|Kirghizia|吉尔吉斯|Кыргызстан|Киргизия"),
    row("KH", "KHM", "Cambodia", "柬埔寨", "Camboya", "Camboja", "Kampuchea"),
    row("KI", "KIR", "Kiribati", "基里巴斯", "Kiribati", "Kiribati", "吉里巴斯"),
    row("KM", "COM", "Comoros", "科摩罗", "Comoras", "Comores", "葛摩"),
    row("KN", "KNA", "Saint Kitts and Nevis", "圣基茨和尼维斯", "San Cristóbal y Nieves", "São Cristóvão e Névis", "Saint Kitts|Saint Christopher and Nevis"),
    row("KP", "PRK", "North Korea", "朝鲜", "Corea del Norte", "Coreia do Norte", "Korea, Democratic People's Republic of|Democratic People's Republic of Korea|Korea, Dem. People's Rep.|DPRK|N. Korea|北朝鲜|北韩|朝鲜民主主义人民共和国"),
    row("KR", "KOR", "South Korea", "韩国", "Corea del Sur", "Coreia do Sul", "Korea|Republic of Korea|Korea, Republic of|Korea, Rep.|S. Korea|ROK|Corea|Coreia|大韩民国|南韩|한국|대한민국"),
    row("KW", "KWT", "Kuwait", "科威特", "Kuwait", "Kuwait", ""),
    row("KY", "CYM", "Cayman Islands", "开曼群岛", "Islas Caimán", "Ilhas Cayman", ""),
    row("KZ", "KAZ", "Kazakhstan", "哈萨克斯坦", "Kazajistán", "Cazaquistão", "Kazakstan|Qazaqstan|哈萨克|Казахстан"),
    row("LA", "LAO", "Laos", "老挝", "Laos", "Laos", "Lao PDR|Lao People's Democratic Republic|Lao|寮國"),
    row("LB", "LBN", "Lebanon", "黎巴嫩", "Líbano", "Líbano", ""),
    row("LC", "LCA", "Saint Lucia", "圣卢西亚", "Santa Lucía", "Santa Lúcia", ""),
    row("LI", "LIE", "Liechtenstein", "列支敦士登", "Liechtenstein", "Liechtenstein", "列支敦斯登"),
    row("LK", "LKA", "Sri Lanka", "斯里兰卡", "Sri Lanka", "Sri Lanka", "Ceylon"),
    row("LR", "LBR", "Liberia", "利比里亚", "Liberia", "Libéria", "賴比瑞亞"),
    row("LS", "LSO", "Lesotho", "莱索托", "Lesoto", "Lesoto", "賴索托"),
    row("LT", "LTU", "Lithuania", "立陶宛", "Lituania", "Lituânia", "Lietuva"),
    row("LU", "LUX", "Luxembourg", "卢森堡", "Luxemburgo", "Luxemburgo", ""),
    row("LV", "LVA", "Latvia", "拉脱维亚", "Letonia", "Letônia", "Letónia|Latvija"),
    row("LY", "LBY", "Libya", "利比亚", "Libia", "Líbia", "State of Libya"),
    row("MA", "MAR", "Morocco", "摩洛哥", "Marruecos", "Marrocos", "Maroc"),
    row("MC", "MCO", "Monaco", "摩纳哥", "Mónaco", "Mônaco", ""),
    row("MD", "MDA", "Moldova", "摩尔多瓦", "Moldavia", "Moldávia", "Republic of Moldova|Moldova, Republic of"),
    row("ME", "MNE", "Montenegro", "黑山", "Montenegro", "Montenegro", "Crna Gora|蒙特內哥羅"),
    row("MF", "MAF", "Saint Martin", "法属圣马丁", "San Martín", "São Martinho", "Saint Martin (French part)"),
    row("MG", "MDG", "Madagascar", "马达加斯加", "Madagascar", "Madagascar", ""),
    row("MH", "MHL", "Marshall Islands", "马绍尔群岛", "Islas Marshall", "Ilhas Marshall", ""),
    row("MK", "MKD", "North Macedonia", "北马其顿", "Macedonia del Norte", "Macedônia do Norte", "Macedonia|Republic of North Macedonia|The former Yugoslav Republic of Macedonia|Macedonia, FYR|FYROM|Macedônia|马其顿"),
    row("ML", "MLI", "Mali", "马里", "Malí", "Mali", "馬利"),
    row("MM", "MMR", "Myanmar", "缅甸", "Myanmar (Birmania)", "Mianmar", "Burma|Myanmar (Burma)|Birmania|Birmânia"),
    row("MN", "MNG", "Mongolia", "蒙古", "Mongolia", "Mongólia", "蒙古国"),
    row("MO", "MAC", "Macao", "中国澳门", "Macao", "Macau", "澳门|Macao SAR|Macau SAR|Macao SAR, China|Macao, China|Macau, China|澳门特别行政区|中国澳门特别行政区|澳门（中国）"),
    row("MP", "MNP", "Northern Mariana Islands", "北马里亚纳群岛", "Islas Marianas del Norte", "Ilhas Marianas do Norte", ""),
    row("MQ", "MTQ", "Martinique", "马提尼克", "Martinica", "Martinica", ""),
    row("MR", "MRT", "Mauritania", "毛里塔尼亚", "Mauritania", "Mauritânia", "茅利塔尼亞"),
    row("MS", "MSR", "Montserrat", "蒙特塞拉特", "Montserrat", "Montserrat", ""),
    row("MT", "MLT", "Malta", "马耳他", "Malta", "Malta", "馬爾他"),
    row("MU", "MUS", "Mauritius", "毛里求斯", "Mauricio", "Maurício", "模里西斯"),
    row("MV", "MDV", "Maldives", "马尔代夫", "Maldivas", "Maldivas", "馬爾地夫"),
    row("MW", "MWI", "Malawi", "马拉维", "Malaui", "Malawi", "馬拉威"),
    row("MX", "MEX", "Mexico", "墨西哥", "México", "México", "Méjico|United Mexican States|Estados Unidos Mexicanos"),
    row("MY", "MYS", "Malaysia", "马来西亚", "Malasia", "Malásia", ""),
    row("MZ", "MOZ", "Mozambique", "莫桑比克", "Mozambique", "Moçambique", "莫三比克"),
    row("NA", "NAM", "Namibia", "纳米比亚", "Namibia", "Namíbia", ""),
    row("NC", "NCL", "New Caledonia", "新喀里多尼亚", "Nueva Caledonia", "Nova Caledônia", ""),
    row("NE", "NER", "Niger", "尼日尔", "Níger", "Níger", "尼日"),
    row("NF", "NFK", "Norfolk Island", "诺福克岛", "Isla Norfolk", "Ilha Norfolk", ""),
    row("NG", "NGA", "Nigeria", "尼日利亚", "Nigeria", "Nigéria", "奈及利亞"),
    row("NI", "NIC", "Nicaragua", "尼加拉瓜", "Nicaragua", "Nicarágua", ""),
    row("NL", "NLD", "Netherlands", "荷兰", "Países Bajos", "Países Baixos", "Holland|Nederland|Kingdom of the Netherlands|Holanda"),
    row("NO", "NOR", "Norway", "挪威", "Noruega", "Noruega", "Norge"),
    row("NP", "NPL", "Nepal", "尼泊尔", "Nepal", "Nepal", ""),
    row("NR", "NRU", "Nauru", "瑙鲁", "Nauru", "Nauru", "諾魯"),
    row("NU", "NIU", "Niue", "纽埃", "Niue", "Niue", ""),
    row("NZ", "NZL", "New Zealand", "新西兰", "Nueva Zelanda", "Nova Zelândia", "Aotearoa|Nueva Zelandia|紐西蘭"),
    row("OM", "OMN", "Oman", "阿曼", "Omán", "Omã", ""),
    row("PA", "PAN", "Panama", "巴拿马", "Panamá", "Panamá", ""),
    row("PE", "PER", "Peru", "秘鲁", "Perú", "Peru", ""),
    row("PF", "PYF", "French Polynesia", "法属波利尼西亚", "Polinesia Francesa", "Polinésia Francesa", "Tahiti"),
    row("PG", "PNG", "Papua New Guinea", "巴布亚新几内亚", "Papúa Nueva Guinea", "Papua-Nova Guiné", "巴布亞紐幾內亞"),
    row("PH", "PHL", "Philippines", "菲律宾", "Filipinas", "Filipinas", "Pilipinas"),
    row("PK", "PAK", "Pakistan", "巴基斯坦", "Pakistán", "Paquistão", ""),
    row("PL", "POL", "Poland", "波兰", "Polonia", "Polônia", "Polónia|Polska"),
    row("PM", "SPM", "Saint Pierre and Miquelon", "圣皮埃尔和密克隆群岛", "San Pedro y Miquelón", "Saint-Pierre e Miquelon", ""),
    row("PN", "PCN", "Pitcairn Islands", "皮特凯恩群岛", "Islas Pitcairn", "Ilhas Pitcairn", "Pitcairn"),
    row("PR", "PRI", "Puerto Rico", "波多黎各", "Puerto Rico", "Porto Rico", ""),
    row("PS", "PSE", "Palestine", "巴勒斯坦", "Palestina", "Palestina", "State of Palestine|Palestine, State of|Palestinian Territories|Palestinian Territory|Occupied Palestinian Territory|West Bank and Gaza"),
    row("PT", "PRT", "Portugal", "葡萄牙", "Portugal", "Portugal", ""),
    row("PW", "PLW", "Palau", "帕劳", "Palaos", "Palau", "帛琉"),
    row("PY", "PRY", "Paraguay", "巴拉圭", "Paraguay", "Paraguai", ""),
    row("QA", "QAT", "Qatar", "卡塔尔", "Catar", "Catar", "卡達"),
    row("RE", "REU", "Réunion", "留尼汪", "Reunión", "Reunião", "La Réunion"),
    row("RO", "ROU", "Romania", "罗马尼亚", "Rumania", "Romênia", "Roménia"),
    row("RS", "SRB", "Serbia", "塞尔维亚", "Serbia", "Sérvia", "Srbija"),
    row("RU", "RUS", "Russia", "俄罗斯", "Rusia", "Rússia", "Russian Federation|Federación de Rusia|Federação Russa|俄罗斯联邦|俄国|Россия|Российская Федерация"),
    row("RW", "RWA", "Rwanda", "卢旺达", "Ruanda", "Ruanda", "盧安達"),
    row("SA", "SAU", "Saudi Arabia", "沙特阿拉伯", "Arabia Saudí", "Arábia Saudita", "KSA|Kingdom of Saudi Arabia|Saudi|Arabia Saudita|沙特|沙烏地阿拉伯"),
    row("SB", "SLB", "Solomon Islands", "所罗门群岛", "Islas Salomón", "Ilhas Salomão", "索羅門群島"),
    row("SC", "SYC", "Seychelles", "塞舌尔", "Seychelles", "Seicheles", "塞席爾"),
    row("SD", "SDN", "Sudan", "苏丹", "Sudán", "Sudão", ""),
    row("SE", "SWE", "Sweden", "瑞典", "Suecia", "Suécia", "Sverige"),
    row("SG", "SGP", "Singapore", "新加坡", "Singapur", "Singapura", ""),
    row("SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha", "圣赫勒拿", "Santa Elena, Ascensión y Tristán de Acuña", "Santa Helena", "Saint Helena|Santa Elena|Ascension Island|Tristan da Cunha"),
    row("SI", "SVN", "Slovenia", "斯洛文尼亚", "Eslovenia", "Eslovênia", "Eslovénia|Slovenija|斯洛維尼亞"),
    row("SJ", "SJM", "Svalbard and Jan Mayen", "斯瓦尔巴和扬马延", "Svalbard y Jan Mayen", "Svalbard e Jan Mayen", "Svalbard"),
    row("SK", "SVK", "Slovakia", "斯洛伐克", "Eslovaquia", "Eslováquia", "Slovak Republic|Slovensko"),
    row("SL", "SLE", "Sierra Leone", "塞拉利昂", "Sierra Leona", "Serra Leoa", "獅子山"),
    row("SM", "SMR", "San Marino", "圣马力诺", "San Marino", "San Marino", "聖馬利諾"),
    row("SN", "SEN", "Senegal", "塞内加尔", "Senegal", "Senegal", ""),
    row("SO", "SOM", "Somalia", "索马里", "Somalia", "Somália", "索馬利亞"),
    row("SR", "SUR", "Suriname", "苏里南", "Surinam", "Suriname", "蘇利南"),
    row("SS", "SSD", "South Sudan", "南苏丹", "Sudán del Sur", "Sudão do Sul", ""),
    row("ST", "STP", "São Tomé and Príncipe", "圣多美和普林西比", "Santo Tomé y Príncipe", "São Tomé e Príncipe", "Sao Tome"),
    row("SV", "SLV", "El Salvador", "萨尔瓦多", "El Salvador", "El Salvador", ""),
    row("SX", "SXM", "Sint Maarten", "荷属圣马丁", "Sint Maarten", "Sint Maarten", "Sint Maarten (Dutch part)|Saint Martin (Dutch part)"),
    row("SY", "SYR", "Syria", "叙利亚", "Siria", "Síria", "Syrian Arab Republic|República Árabe Siria"),
    row("SZ", "SWZ", "Eswatini", "斯威士兰", "Esuatini", "Essuatíni", "Swaziland|Kingdom of Eswatini|Suazilandia|Suazilândia|埃斯瓦蒂尼|史瓦帝尼"),
    row("TC", "TCA", "Turks and Caicos Islands", "特克斯和凯科斯群岛", "Islas Turcas y Caicos", "Ilhas Turcas e Caicos", "Turks and Caicos"),
    row("TD", "TCD", "Chad", "乍得", "Chad", "Chade", "Tchad|查德"),
    row("TF", "ATF", "French Southern Territories", "法属南部领地", "Territorios Australes Franceses", "Terras Austrais Francesas", "French Southern and Antarctic Lands"),
    row("TG", "TGO", "Togo", "多哥", "Togo", "Togo", ""),
    row("TH", "THA", "Thailand", "泰国", "Tailandia", "Tailândia", "Kingdom of Thailand"),
    row("TJ", "TJK", "Tajikistan", "塔吉克斯坦", "Tayikistán", "Tadjiquistão", "Tajiquistão|塔吉克"),
    row("TK", "TKL", "Tokelau", "托克劳", "Tokelau", "Tokelau", ""),
    row("TL", "TLS", "Timor-Leste", "东帝汶", "Timor Oriental", "Timor-Leste", "East Timor"),
    row("TM", "TKM", "Turkmenistan", "土库曼斯坦", "Turkmenistán", "Turcomenistão", "土庫曼"),
    row("TN", "TUN", "Tunisia", "突尼斯", "Túnez", "Tunísia", "Tunisie|突尼西亞"),
    row("TO", "TON", "Tonga", "汤加", "Tonga", "Tonga", "東加"),
    row("TR", "TUR", "Türkiye", "土耳其", "Turquía", "Turquia", "Turkey|Republic of Türkiye"),
    row("TT", "TTO", "Trinidad and Tobago", "特立尼达和多巴哥", "Trinidad y Tobago", "Trinidad e Tobago", "Trinidad"),
    row("TV", "TUV", "Tuvalu", "图瓦卢", "Tuvalu", "Tuvalu", "吐瓦魯"),
    row("TW", "TWN", "Taiwan", "中国台湾", "Taiwán", "Taiwan", "台湾|Taiwan, Province of China|Taiwan, China|Chinese Taipei|台湾省|中国台湾省|中华台北"),
    row("TZ", "TZA", "Tanzania", "坦桑尼亚", "Tanzania", "Tanzânia", "United Republic of Tanzania|Tanzania, United Republic of|坦尚尼亞"),
    row("UA", "UKR", "Ukraine", "乌克兰", "Ucrania", "Ucrânia", "Україна|Украина"),
    row("UG", "UGA", "Uganda", "乌干达", "Uganda", "Uganda", ""),
    row("UM", "UMI", "United States Minor Outlying Islands", "美国本土外小岛屿", "Islas Ultramarinas Menores de Estados Unidos", "Ilhas Menores Distantes dos Estados Unidos", "U.S. Minor Outlying Islands"),
    row("US", "USA", "United States", "美国", "Estados Unidos", "Estados Unidos", "USA|U.S.A.|US|U.S.|United States of America|America|Estados Unidos de América|Estados Unidos da América|EE. UU.|EE.UU.|EUA|美利坚合众国"),
    row("UY", "URY", "Uruguay", "乌拉圭", "Uruguay", "Uruguai", ""),
    row("UZ", "UZB", "Uzbekistan", "乌兹别克斯坦", "Uzbekistán", "Uzbequistão", "乌兹别克|Узбекистан"),
    row("VA", "VAT", "Vatican City", "梵蒂冈", "Ciudad del Vaticano", "Cidade do Vaticano", "Holy See|Vatican|Vatican City State|Holy See (Vatican City State)|Santa Sede|Vaticano|梵蒂冈城国|教廷"),
    row("VC", "VCT", "Saint Vincent and the Grenadines", "圣文森特和格林纳丁斯", "San Vicente y las Granadinas", "São Vicente e Granadinas", "Saint Vincent"),
    row("VE", "VEN", "Venezuela", "委内瑞拉", "Venezuela", "Venezuela", "Venezuela (Bolivarian Republic of)|Venezuela, RB|Bolivarian Republic of Venezuela|República Bolivariana de Venezuela"),
    row("VG", "VGB", "British Virgin Islands", "英属维尔京群岛", "Islas Vírgenes Británicas", "Ilhas Virgens Britânicas", "Virgin Islands, British|BVI"),
    row("VI", "VIR", "U.S. Virgin Islands", "美属维尔京群岛", "Islas Vírgenes de los Estados Unidos", "Ilhas Virgens Americanas", "Virgin Islands, U.S.|United States Virgin Islands|USVI"),
    row("VN", "VNM", "Vietnam", "越南", "Vietnam", "Vietnã", "Vietname"),
    row("VU", "VUT", "Vanuatu", "瓦努阿图", "Vanuatu", "Vanuatu", "萬那杜"),
    row("WF", "WLF", "Wallis and Futuna", "瓦利斯和富图纳", "Wallis y Futuna", "Wallis e Futuna", "Wallis and Futuna Islands"),
    row("WS", "WSM", "Samoa", "萨摩亚", "Samoa", "Samoa", "Western Samoa|Independent State of Samoa"),
    row("XK", "XKX", "Kosovo", "科索沃", "Kosovo", "Kosovo", "Kosova|Republic of Kosovo"),
    row("YE", "YEM", "Yemen", "也门", "Yemen", "Iêmen", "Iémen|Yemen, Rep.|Republic of Yemen|葉門"),
    row("YT", "MYT", "Mayotte", "马约特", "Mayotte", "Mayotte", ""),
    row("ZA", "ZAF", "South Africa", "南非", "Sudáfrica", "África do Sul", "RSA|Republic of South Africa"),
    row("ZM", "ZMB", "Zambia", "赞比亚", "Zambia", "Zâmbia", "尚比亞"),
    row("ZW", "ZWE", "Zimbabwe", "津巴布韦", "Zimbabue", "Zimbábue", "辛巴威"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use std::collections::HashSet;

    fn code(alpha2: &str) -> CountryCode {
        CountryCode::from_alpha2(alpha2).unwrap_or_else(|| panic!("{alpha2} is not in the table"))
    }

    /// The spellings sellers' files use, the brief's alias groups and the names in the real test
    /// data (Spanish marketplace exports, USAID country names). Each case is also read upper-
    /// and lowercased and padded with spaces.
    #[rstest]
    // United States
    #[case("USA", "US")]
    #[case("U.S.", "US")]
    #[case("U.S.A.", "US")]
    #[case("US", "US")]
    #[case("United States", "US")]
    #[case("United States of America", "US")]
    #[case("America", "US")]
    #[case("美国", "US")]
    #[case("美國", "US")]
    #[case("EE. UU.", "US")]
    #[case("EE.UU.", "US")]
    #[case("EEUU", "US")]
    #[case("Estados Unidos", "US")]
    #[case("Estados Unidos de América", "US")]
    #[case("Estados Unidos de America", "US")]
    #[case("EUA", "US")]
    // United Kingdom
    #[case("UK", "GB")]
    #[case("U.K.", "GB")]
    #[case("GB", "GB")]
    #[case("United Kingdom", "GB")]
    #[case("Great Britain", "GB")]
    #[case("Britain", "GB")]
    #[case("England", "GB")]
    #[case("Scotland", "GB")]
    #[case("Wales", "GB")]
    #[case("Northern Ireland", "GB")]
    #[case("英国", "GB")]
    #[case("英國", "GB")]
    #[case("Reino Unido", "GB")]
    // Russia
    #[case("Russia", "RU")]
    #[case("Russian Federation", "RU")]
    #[case("俄罗斯", "RU")]
    #[case("俄羅斯", "RU")]
    #[case("Rusia", "RU")]
    #[case("Rússia", "RU")]
    #[case("Russia", "RU")]
    #[case("Россия", "RU")]
    // Brazil, Germany
    #[case("Brazil", "BR")]
    #[case("Brasil", "BR")]
    #[case("巴西", "BR")]
    #[case("Germany", "DE")]
    #[case("Deutschland", "DE")]
    #[case("Alemania", "DE")]
    #[case("Alemanha", "DE")]
    #[case("德国", "DE")]
    #[case("德國", "DE")]
    // The Koreas
    #[case("South Korea", "KR")]
    #[case("Korea", "KR")]
    #[case("Republic of Korea", "KR")]
    #[case("Korea, Republic of", "KR")]
    #[case("Korea, Rep.", "KR")]
    #[case("韩国", "KR")]
    #[case("韓國", "KR")]
    #[case("Corea del Sur", "KR")]
    #[case("Coreia do Sul", "KR")]
    #[case("North Korea", "KP")]
    #[case("Korea, Democratic People's Republic of", "KP")]
    #[case("DPRK", "KP")]
    #[case("朝鲜", "KP")]
    #[case("Corea del Norte", "KP")]
    // Côte d'Ivoire
    #[case("Côte d'Ivoire", "CI")]
    #[case("Côte d’Ivoire", "CI")]
    #[case("Cote d'Ivoire", "CI")]
    #[case("Cote dIvoire", "CI")]
    #[case("Ivory Coast", "CI")]
    #[case("Costa de Marfil", "CI")]
    #[case("Costa do Marfim", "CI")]
    #[case("科特迪瓦", "CI")]
    // The Congos
    #[case("Congo, DRC", "CD")]
    #[case("Congo (DRC)", "CD")]
    #[case("DRC", "CD")]
    #[case("DR Congo", "CD")]
    #[case("Democratic Republic of the Congo", "CD")]
    #[case("Congo, Dem. Rep.", "CD")]
    #[case("Congo (Kinshasa)", "CD")]
    #[case("Congo-Kinshasa", "CD")]
    #[case("República Democrática del Congo", "CD")]
    #[case("刚果（金）", "CD")]
    #[case("刚果(金)", "CD")]
    #[case("刚果金", "CD")]
    #[case("Republic of the Congo", "CG")]
    #[case("Congo (Brazzaville)", "CG")]
    #[case("Congo-Brazzaville", "CG")]
    #[case("Congo, Rep.", "CG")]
    #[case("Congo", "CG")]
    #[case("刚果（布）", "CG")]
    // Official and older names
    #[case("Vietnam", "VN")]
    #[case("Viet Nam", "VN")]
    #[case("越南", "VN")]
    #[case("Laos", "LA")]
    #[case("Lao PDR", "LA")]
    #[case("Lao People's Democratic Republic", "LA")]
    #[case("Iran", "IR")]
    #[case("Iran (Islamic Republic of)", "IR")]
    #[case("Iran, Islamic Republic of", "IR")]
    #[case("Irán", "IR")]
    #[case("Syria", "SY")]
    #[case("Syrian Arab Republic", "SY")]
    #[case("Tanzania", "TZ")]
    #[case("United Republic of Tanzania", "TZ")]
    #[case("Tanzania, United Republic of", "TZ")]
    #[case("Bolivia", "BO")]
    #[case("Bolivia (Plurinational State of)", "BO")]
    #[case("Venezuela", "VE")]
    #[case("Venezuela (Bolivarian Republic of)", "VE")]
    #[case("Venezuela, RB", "VE")]
    #[case("Moldova", "MD")]
    #[case("Republic of Moldova", "MD")]
    #[case("Moldova, Republic of", "MD")]
    #[case("Czechia", "CZ")]
    #[case("Czech Republic", "CZ")]
    #[case("Türkiye", "TR")]
    #[case("Turkiye", "TR")]
    #[case("Turkey", "TR")]
    #[case("Eswatini", "SZ")]
    #[case("Swaziland", "SZ")]
    #[case("North Macedonia", "MK")]
    #[case("Macedonia", "MK")]
    #[case("Myanmar", "MM")]
    #[case("Burma", "MM")]
    // Greater China
    #[case("Taiwan", "TW")]
    #[case("台湾", "TW")]
    #[case("臺灣", "TW")]
    #[case("中国台湾", "TW")]
    #[case("Taiwan, Province of China", "TW")]
    #[case("Hong Kong", "HK")]
    #[case("HongKong", "HK")]
    #[case("香港", "HK")]
    #[case("中国香港", "HK")]
    #[case("Hong Kong SAR, China", "HK")]
    #[case("Macao", "MO")]
    #[case("Macau", "MO")]
    #[case("澳门", "MO")]
    #[case("澳門", "MO")]
    #[case("China", "CN")]
    #[case("中国", "CN")]
    #[case("中國", "CN")]
    #[case("中国大陆", "CN")]
    #[case("PRC", "CN")]
    #[case("P.R.C.", "CN")]
    #[case("Mainland China", "CN")]
    #[case("People's Republic of China", "CN")]
    // Big markets in every language
    #[case("UAE", "AE")]
    #[case("United Arab Emirates", "AE")]
    #[case("阿联酋", "AE")]
    #[case("Emiratos Árabes Unidos", "AE")]
    #[case("Saudi Arabia", "SA")]
    #[case("沙特", "SA")]
    #[case("沙特阿拉伯", "SA")]
    #[case("Netherlands", "NL")]
    #[case("The Netherlands", "NL")]
    #[case("Holland", "NL")]
    #[case("荷兰", "NL")]
    #[case("Países Bajos", "NL")]
    #[case("Holanda", "NL")]
    #[case("Mexico", "MX")]
    #[case("México", "MX")]
    #[case("墨西哥", "MX")]
    #[case("Japan", "JP")]
    #[case("日本", "JP")]
    #[case("Japón", "JP")]
    #[case("Japão", "JP")]
    #[case("Japon", "JP")]
    #[case("Spain", "ES")]
    #[case("España", "ES")]
    #[case("Espana", "ES")]
    #[case("Espanha", "ES")]
    #[case("西班牙", "ES")]
    #[case("France", "FR")]
    #[case("Francia", "FR")]
    #[case("França", "FR")]
    #[case("Franca", "FR")]
    #[case("法国", "FR")]
    #[case("Italy", "IT")]
    #[case("Italia", "IT")]
    #[case("Itália", "IT")]
    #[case("意大利", "IT")]
    #[case("義大利", "IT")]
    #[case("Poland", "PL")]
    #[case("波兰", "PL")]
    #[case("Canada", "CA")]
    #[case("加拿大", "CA")]
    #[case("Canadá", "CA")]
    #[case("Australia", "AU")]
    #[case("澳大利亚", "AU")]
    #[case("澳洲", "AU")]
    #[case("Philippines", "PH")]
    #[case("菲律宾", "PH")]
    #[case("菲律賓", "PH")]
    #[case("Malaysia", "MY")]
    #[case("马来西亚", "MY")]
    #[case("馬來西亞", "MY")]
    #[case("Thailand", "TH")]
    #[case("泰国", "TH")]
    #[case("Indonesia", "ID")]
    #[case("印尼", "ID")]
    #[case("印度尼西亚", "ID")]
    #[case("Singapore", "SG")]
    #[case("新加坡", "SG")]
    #[case("India", "IN")]
    #[case("印度", "IN")]
    #[case("Chile", "CL")]
    #[case("智利", "CL")]
    #[case("Colombia", "CO")]
    #[case("哥伦比亚", "CO")]
    #[case("Peru", "PE")]
    #[case("Perú", "PE")]
    #[case("秘鲁", "PE")]
    #[case("Argentina", "AR")]
    #[case("阿根廷", "AR")]
    #[case("Ukraine", "UA")]
    #[case("乌克兰", "UA")]
    #[case("Kazakhstan", "KZ")]
    #[case("哈萨克斯坦", "KZ")]
    #[case("Israel", "IL")]
    #[case("以色列", "IL")]
    #[case("South Africa", "ZA")]
    #[case("南非", "ZA")]
    #[case("Sudáfrica", "ZA")]
    #[case("África do Sul", "ZA")]
    #[case("Africa do Sul", "ZA")]
    #[case("Nigeria", "NG")]
    #[case("尼日利亚", "NG")]
    #[case("Egypt", "EG")]
    #[case("埃及", "EG")]
    #[case("Kenya", "KE")]
    #[case("肯尼亚", "KE")]
    // Spanish names from the real test data, with and without accents
    #[case("Francia", "FR")]
    #[case("Reino Unido", "GB")]
    #[case("República Dominicana", "DO")]
    #[case("Republica Dominicana", "DO")]
    #[case("Corea del Sur", "KR")]
    #[case("Filipinas", "PH")]
    #[case("Turquía", "TR")]
    #[case("Turquia", "TR")]
    #[case("Sudafrica", "ZA")]
    #[case("Egipto", "EG")]
    #[case("Marruecos", "MA")]
    #[case("Nueva Zelanda", "NZ")]
    #[case("Arabia Saudí", "SA")]
    #[case("Arabia Saudi", "SA")]
    #[case("Arabia Saudita", "SA")]
    #[case("Irlanda", "IE")]
    #[case("Suiza", "CH")]
    #[case("Suecia", "SE")]
    #[case("Bélgica", "BE")]
    #[case("Belgica", "BE")]
    #[case("Austria", "AT")]
    #[case("Polonia", "PL")]
    #[case("Rumania", "RO")]
    #[case("Rumanía", "RO")]
    #[case("Ucrania", "UA")]
    #[case("Hungría", "HU")]
    #[case("Hungria", "HU")]
    #[case("República Checa", "CZ")]
    #[case("Republica Checa", "CZ")]
    #[case("Dinamarca", "DK")]
    #[case("Noruega", "NO")]
    #[case("Finlandia", "FI")]
    #[case("Grecia", "GR")]
    #[case("Paises Bajos", "NL")]
    // English names from the USAID data
    #[case("South Sudan", "SS")]
    #[case("Guyana", "GY")]
    #[case("Haiti", "HT")]
    #[case("Lebanon", "LB")]
    #[case("Kyrgyzstan", "KG")]
    #[case("Kyrgyz Republic", "KG")]
    #[case("Burundi", "BI")]
    #[case("Botswana", "BW")]
    #[case("Zambia", "ZM")]
    #[case("Zimbabwe", "ZW")]
    #[case("Uganda", "UG")]
    #[case("Rwanda", "RW")]
    #[case("Mozambique", "MZ")]
    #[case("Namibia", "NA")]
    #[case("Malawi", "MW")]
    #[case("Lesotho", "LS")]
    #[case("Ethiopia", "ET")]
    #[case("Afghanistan", "AF")]
    #[case("Pakistan", "PK")]
    #[case("Dominican Republic", "DO")]
    #[case("Benin", "BJ")]
    #[case("Togo", "TG")]
    #[case("Ghana", "GH")]
    #[case("Cameroon", "CM")]
    #[case("Senegal", "SN")]
    #[case("Liberia", "LR")]
    #[case("Sierra Leone", "SL")]
    #[case("Guatemala", "GT")]
    #[case("Belize", "BZ")]
    #[case("Libya", "LY")]
    #[case("Mali", "ML")]
    #[case("Burkina Faso", "BF")]
    #[case("Angola", "AO")]
    // Punctuation, `&`, `St.`, `the`, widths and Traditional characters
    #[case("Trinidad & Tobago", "TT")]
    #[case("Bosnia & Herzegovina", "BA")]
    #[case("St. Lucia", "LC")]
    #[case("St Kitts and Nevis", "KN")]
    #[case("St. Vincent & the Grenadines", "VC")]
    #[case("Gambia, The", "GM")]
    #[case("The Gambia", "GM")]
    #[case("Guinea Bissau", "GW")]
    #[case("Timor Leste", "TL")]
    #[case("Sao Tome and Principe", "ST")]
    #[case("Curacao", "CW")]
    #[case("Reunion", "RE")]
    #[case("ＢＲＡＳＩＬ", "BR")]
    #[case("Ｂｒａｓｉｌ", "BR")]
    #[case("中国　香港", "HK")]
    #[case("香港（中国）", "HK")]
    #[case("紐西蘭", "NZ")]
    #[case("沙烏地阿拉伯", "SA")]
    #[case("泰國", "TH")]
    #[case("Türkiye\u{0301}", "TR")]
    #[case("Me\u{0301}xico", "MX")]
    fn reads_names_as_sellers_write_them(#[case] input: &str, #[case] alpha2: &str) {
        let expected = Some(code(alpha2));
        for variant in [input.to_string(), input.to_uppercase(), input.to_lowercase(), format!("  {input}\t")] {
            assert_eq!(normalize_country(&variant), expected, "{variant:?}");
        }
    }

    #[rstest]
    #[case("BR", "BR")]
    #[case("br", "BR")]
    #[case(" Br ", "BR")]
    #[case("ＢＲ", "BR")]
    #[case("BRA", "BR")]
    #[case("bra", "BR")]
    #[case("ＢＲＡ", "BR")]
    #[case("GBR", "GB")]
    #[case("DEU", "DE")]
    #[case("USA", "US")]
    #[case("CHN", "CN")]
    #[case("XK", "XK")]
    #[case("XKX", "XK")]
    #[case("NA", "NA")]
    #[case("NAM", "NA")]
    #[case("\u{feff}BR", "BR")]
    #[case("BR\u{200b}", "BR")]
    // Not codes, but names: `UK`, `UAE`, `Lao`, Portuguese `Irã` without its accent
    #[case("UK", "GB")]
    #[case("uae", "AE")]
    #[case("Lao", "LA")]
    #[case("Ira", "IR")]
    fn reads_codes_in_any_case_and_width(#[case] input: &str, #[case] alpha2: &str) {
        assert_eq!(normalize_country(input), Some(code(alpha2)), "{input:?}");
    }

    #[rstest]
    #[case("Atlantis")]
    #[case("N/A")]
    #[case("n/a")]
    #[case("N.A.")]
    #[case("")]
    #[case("   ")]
    #[case("-")]
    #[case("--")]
    #[case("ZZ")]
    #[case("ZZZ")]
    #[case("EU")]
    #[case("Europe")]
    #[case("unknown")]
    #[case("未知")]
    #[case("Brazi")]
    #[case("B R A Z I L L")]
    fn unknown_values_are_none(#[case] input: &str) {
        assert_eq!(normalize_country(input), None, "{input:?}");
    }

    #[test]
    fn knows_every_code_and_nothing_else() {
        assert_eq!(all_countries().count(), 250);
        assert_eq!(CountryCode::from_alpha2("UK"), None);
        assert_eq!(CountryCode::from_alpha2("ZZ"), None);
        assert_eq!(CountryCode::from_alpha2("B"), None);
        assert_eq!(CountryCode::from_alpha2("BRA"), None);
        assert_eq!(CountryCode::from_alpha2("Bé"), None);
        let us = code("US");
        assert_eq!((us.as_str(), us.alpha3()), ("US", "USA"));
        assert_eq!((us.name_en(), us.name_zh()), ("United States", "美国"));
        assert_eq!(code("br").name_zh(), "巴西");
        assert_eq!(format!("{us} {us:?}"), "US US");
    }

    #[test]
    fn table_is_sorted_with_well_formed_unique_codes() {
        for pair in COUNTRIES.windows(2) {
            assert!(pair[0].alpha2 < pair[1].alpha2, "{} before {}", pair[0].alpha2, pair[1].alpha2);
        }
        let mut alpha3s = HashSet::new();
        for c in &COUNTRIES {
            assert!(c.alpha2.len() == 2 && c.alpha2.bytes().all(|b| b.is_ascii_uppercase()), "{}", c.alpha2);
            assert!(c.alpha3.len() == 3 && c.alpha3.bytes().all(|b| b.is_ascii_uppercase()), "{}", c.alpha3);
            assert!(alpha3s.insert(c.alpha3), "{} twice", c.alpha3);
            for name in [c.en, c.zh, c.es, c.pt] {
                assert!(!name.trim().is_empty(), "{} lacks a name", c.alpha2);
            }
        }
    }

    #[test]
    fn every_entry_round_trips() {
        for country in all_countries() {
            let row = country.country();
            assert_eq!(CountryCode::from_alpha2(country.as_str()), Some(country));
            let codes_and_names = [country.as_str(), country.alpha3(), country.name_en(), country.name_zh()];
            for spelling in codes_and_names.into_iter().chain(row.names()) {
                for variant in [spelling.to_string(), spelling.to_lowercase(), spelling.to_uppercase()] {
                    assert_eq!(normalize_country(&variant), Some(country), "{variant:?}");
                }
            }
            let json = serde_json::to_string(&country).expect("a code serialises");
            assert_eq!(json, format!("\"{}\"", country.as_str()));
            assert_eq!(serde_json::from_str::<CountryCode>(&json).ok(), Some(country));
        }
    }

    #[test]
    fn no_alias_claims_two_countries() {
        let mut claims: HashMap<String, (CountryCode, &str)> = HashMap::new();
        let mut conflicts = Vec::new();
        for country in &COUNTRIES {
            for name in country.names() {
                let key = fold(name);
                assert!(!key.is_empty(), "{}: {name:?} folds to nothing", country.alpha2);
                match claims.get(&key) {
                    Some(&(other, first)) if other != country.code() => {
                        conflicts.push(format!("{key:?}: {other} ({first:?}) and {} ({name:?})", country.alpha2));
                    }
                    Some(_) => {}
                    None => {
                        claims.insert(key, (country.code(), name));
                    }
                }
            }
        }
        // A name spelt like another country's code would never be reached: codes come first.
        for (key, (owner, name)) in &claims {
            if let Some(code) = as_code(key) {
                if code != *owner {
                    conflicts.push(format!("{name:?} ({owner}) reads as the code of {code}"));
                }
            }
        }
        assert!(conflicts.is_empty(), "conflicting names:\n{}", conflicts.join("\n"));
        assert_eq!(name_index().len(), claims.len());
    }

    #[test]
    fn latin_names_fold_to_ascii() {
        // A letter missing from the accent table would keep accented and plain spellings apart.
        for country in &COUNTRIES {
            for name in country.names().filter(|n| n.chars().all(|c| c < '\u{370}' || c == '’')) {
                assert!(fold(name).is_ascii(), "{name:?} folds to {:?}", fold(name));
            }
        }
    }

    #[test]
    fn folds_case_accents_punctuation_widths_and_scripts() {
        assert_eq!(fold("  Côte d’Ivoire "), "cotedivoire");
        assert_eq!(fold("COTE-D'IVOIRE"), "cotedivoire");
        assert_eq!(fold("São Tomé & Príncipe"), fold("Sao Tome and Principe"));
        assert_eq!(fold("St. Lucia"), "saintlucia");
        assert_eq!(fold("Korea, Dem. People's Rep."), "koreademocraticpeoplesrepublic");
        assert_eq!(fold("ＢＲＡＳＩＬ（巴西）"), "brasil巴西");
        assert_eq!(fold("臺灣"), "台湾");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("EE. UU."), fold("EEUU"));
    }

    #[test]
    fn serialises_as_the_alpha2_code() {
        let br = code("BR");
        assert_eq!(serde_json::to_string(&vec![br]).ok().as_deref(), Some("[\"BR\"]"));
        assert_eq!(serde_json::from_str::<CountryCode>("\"BR\"").ok(), Some(br));
        assert!(serde_json::from_str::<CountryCode>("\"ZZ\"").is_err());
        assert!(serde_json::from_str::<CountryCode>("\"Brazil\"").is_err());
        assert!(serde_json::from_str::<CountryCode>("7").is_err());
    }
}
